"""Meld fra: the form, its receipt, every validation error, CSRF, escaping, and who may see what."""

from __future__ import annotations

import re
from typing import Any

import pytest

from actionloop.api.routes.cases import store_concern
from actionloop.api.schemas import ConcernIn
from actionloop.app.ports import CaseQuery

from .conftest import WebClient, WebServer, text_of

SCRIPT = "<script>alert('x')</script>"


def good(**changes: str) -> dict[str, str]:
    form = {"barn": "k1@u1", "hva": "Emma ble holdt utenfor i storefri.", "kilde": "child_said", "hvem": "child",
            "grep_inn": "nei", "tiltak": "", "alvorlig": "vet_ikke"}
    form.update(changes)
    return form


def send(c: WebClient, **changes: str) -> str:
    """Send a good report (with ``changes``); the new case's id."""
    r = c.post("/meld", good(**changes))
    assert r.status_code == 303, text_of(r.text)[:800]
    found = re.fullmatch(r"/meld/kvittering/([^/]+)", r.headers["location"])
    assert found
    return found.group(1)


def test_the_form_has_a_label_for_every_field(web: WebServer) -> None:
    page = web.login("staff1").get("/meld")
    assert page.status_code == 200
    for field in ("barn", "hva", "tiltak", "sok"):
        assert f'for="{field}"' in page.text and f'id="{field}"' in page.text
    for group in ("kilde", "hvem", "grep_inn", "alvorlig"):
        assert f'name="{group}"' in page.text
    assert page.text.count("<legend>") == 4
    text = text_of(page.text)
    assert "Emma Eksempel" in text and "Noah Nordli" in text
    assert "Sara Sørli" not in text and "Olivia Lia" not in text  # other units' children


def test_search_narrows_the_children_by_name(web: WebServer) -> None:
    c = web.login("staff1")
    page = c.post("/meld/sok", {"sok": "emm"})
    text = text_of(page.text)
    assert "1 barn passer søket «emm»." in text
    assert "Emma Eksempel" in text and "Noah Nordli" not in text
    assert re.search(r'<option value="k1@u1" selected>', page.text)  # the only match is chosen
    none = c.post("/meld/sok", {"sok": "zzz"})
    assert "Ingen barn passer søket «zzz»." in text_of(none.text)


def test_the_search_is_never_read_from_the_address(web: WebServer) -> None:
    """A child's name must not travel in URLs: the search is posted (with the CSRF token), and a
    name in the address is ignored."""
    c = web.login("staff1")
    page = c.get("/meld", params={"sok": "emm"})
    assert "passer søket" not in text_of(page.text)
    assert 'action="/meld/sok"' in page.text and 'method="get"' not in page.text
    assert c.post("/meld/sok", {"sok": "emm"}, csrf=None).status_code == 403


def test_search_by_class(fresh_web: WebServer) -> None:
    from actionloop.app.ports import Enrolment, Roster

    services = fresh_web.app.state.api.services
    services.orgs.put(Roster(enrolments=(Enrolment("k1", "u1", "5B"),)))
    fresh_web.app.state.api.org.invalidate()
    page = fresh_web.login("staff1").post("/meld/sok", {"sok": "5b"})
    text = text_of(page.text)
    assert "Emma Eksempel (klasse 5B)" in text and "Noah Nordli" not in text


def test_a_report_reaches_the_principal_and_the_receipt_says_so(web: WebServer) -> None:
    c = web.login("staff2")
    case_id = send(c, grep_inn="ja", tiltak="Jeg gikk bort og stoppet det.", alvorlig="nei")
    receipt = c.get(f"/meld/kvittering/{case_id}")
    assert receipt.status_code == 200
    text = text_of(receipt.text)
    assert "Meldingen er sendt" in text and "Meldingen gikk til: Rektor Randi Rektor" in text
    assert "Rektor skal sørge for at saken blir undersøkt" in text
    assert "Jeg gikk bort og stoppet det." in text and "Emma Eksempel" in text
    assert "Starte undersøkelsen" in text and "§ 12-4" in text  # what is due next, with its paragraph
    # Recorded as the API records it: the concern, the intervention, the report to the principal.
    api = web.app.state.api
    case = api.services.cases.export_case(case_id)
    assert [e.type for e in case.events] == ["concern", "intervention", "report_to_principal"]
    assert case.events[0].by == "t2" and case.events[0].fields["source"] == "child_said"
    # Dated to the minute, as the case page's step forms are (a step in the same minute is not "before" it).
    assert {e.at_text for e in case.events} == {"2025-10-01T12:00+02:00"}
    assert case.events[0].fields["serious"] is False
    assert case.events[2].fields["to"] == "p1"
    assert api.services.cases.summary(case_id).state == "meldt"
    # The principal sees it; a colleague does not.
    assert web.login("principal1").get(f"/meld/kvittering/{case_id}").status_code == 200
    other = web.login("staff1").get(f"/meld/kvittering/{case_id}")
    assert other.status_code == 404 and "Siden finnes ikke" in text_of(other.text)


def test_sending_the_same_form_twice_makes_one_case(web: WebServer) -> None:
    c = web.login("staff2")
    first = send(c, skjema="samme-skjema-1234", hva="Noah ble kalt stygge ting.", barn="k2@u1")
    again = send(c, skjema="samme-skjema-1234", hva="Noah ble kalt stygge ting.", barn="k2@u1")
    assert first == again
    assert len(web.app.state.api.services.cases.export_case(first).events) == 2


def test_a_report_stopped_part_way_is_completed_when_the_form_is_sent_again(fresh_web: WebServer) -> None:
    # The first sending stored the concern and then stopped (the process died, say): only the
    # concern is there. Sending the same form again adds the intervention and the report.
    api = fresh_web.app.state.api
    identity = api.services.accounts.get("staff2")
    assert identity is not None
    access = api.access.get(identity, api.org.get().view)
    body = ConcernIn(unit_id="u1", child_id="k2", source="child_said", offender="child", serious=False,
                     text="Noah ble dyttet.", at="2025-10-01T12:00+02:00")
    first = store_concern(api, access, body, "nb", "web-meld:avbrutt-skjema-1")
    assert [e.type for e in api.services.cases.export_case(first.case_id).events] == ["concern"]
    c = fresh_web.login("staff2")
    form = {"skjema": "avbrutt-skjema-1", "barn": "k2@u1", "hva": "Noah ble dyttet.", "grep_inn": "ja",
            "tiltak": "Jeg skilte dem.", "alvorlig": "nei"}
    case_id = send(c, **form)
    assert case_id == first.case_id
    events = api.services.cases.export_case(case_id).events
    assert [e.type for e in events] == ["concern", "intervention", "report_to_principal"]
    # And once more: nothing new.
    assert send(c, **form) == case_id
    assert len(api.services.cases.export_case(case_id).events) == 3
    assert len([s for s in api.services.cases.list_cases(CaseQuery()) if s.case_id == case_id]) == 1


def test_the_same_form_again_after_the_principal_was_renamed_changes_nothing(fresh_web: WebServer) -> None:
    api = fresh_web.app.state.api
    c = fresh_web.login("staff2")
    form = {"skjema": "omdopt-skjema-1", "barn": "k2@u1", "hva": "Noah ble dyttet."}
    case_id = send(c, **form)
    assert [e.type for e in api.services.cases.export_case(case_id).events] == ["concern", "report_to_principal"]
    api.services.orgs.import_roster("type,id,name,parent,role,unit,email,class\n"
                                    "staff,p1,Randi Rektor-Berg,,principal,u1,,\n")
    api.org.invalidate()
    assert send(c, **form) == case_id
    case = api.services.cases.export_case(case_id)
    assert [e.type for e in case.events] == ["concern", "report_to_principal"]
    assert next(p.name for p in case.people if p.id == "p1") == "Randi Rektor"  # as it was when reported


def test_a_staff_offender_report_goes_to_the_principal_at_once_and_is_hidden_from_the_suspect(
        web: WebServer) -> None:
    c = web.login("staff1")
    case_id = send(c, hvem="staff", alvorlig="ja", hva="Så at Ola lugget Emma.")
    text = text_of(c.get(f"/meld/kvittering/{case_id}").text)
    assert "Meldingen gikk til: Rektor Randi Rektor" in text
    assert "går meldingen straks til rektor, som straks skal melde videre til skoleeier (opplæringslova § 12-5)" in text
    assert "Den ansatte som meldingen gjelder, kan ikke se den." in text
    summary = web.app.state.api.services.cases.summary(case_id)
    assert summary.staff_offender and summary.serious
    # The suspect (a colleague at the unit) cannot see it, here or in their list.
    suspect = web.login("staff2")
    assert suspect.get(f"/meld/kvittering/{case_id}").status_code == 404
    assert case_id not in suspect.get("/mine").text
    # The principal and the owner can.
    assert web.login("principal1").get(f"/meld/kvittering/{case_id}").status_code == 200
    assert web.login("owner1").get(f"/meld/kvittering/{case_id}").status_code == 200


def test_a_leadership_offender_report_goes_to_the_owner_at_once(web: WebServer) -> None:
    c = web.login("staff1")
    case_id = send(c, hvem="leadership", hva="Inspektøren hengte ut Noah foran klassen.", barn="k2@u1")
    text = text_of(c.get(f"/meld/kvittering/{case_id}").text)
    assert "Meldingen gikk til: Skoleeier Eksempel kommune" in text
    assert "går meldingen straks direkte til skoleeier (opplæringslova § 12-5), ikke til rektor" in text
    case = web.app.state.api.services.cases.export_case(case_id)
    assert [e.type for e in case.events] == ["concern", "report_to_owner"]
    assert case.events[1].fields["to"] == "o1"
    for leader in ("principal1", "handler1"):
        assert web.login(leader).get(f"/meld/kvittering/{case_id}").status_code == 404, leader
    assert web.login("owner1").get(f"/meld/kvittering/{case_id}").status_code == 200


ERRORS: list[tuple[dict[str, str], str, str]] = [
    ({"barn": ""}, "barn", "Velg barnet saken gjelder"),
    ({"barn": "k3@u2"}, "barn", "Velg et barn fra listen"),  # a child of another unit
    ({"barn": "finnes-ikke"}, "barn", "Velg et barn fra listen"),
    ({"hva": "   "}, "hva", "Skriv hva som skjedde"),
    ({"hva": "x" * 20_001}, "hva", "Teksten kan ha høyst 20 000 tegn"),
    ({"kilde": ""}, "kilde", "Velg hvordan du fikk vite det"),
    ({"kilde": "rumour"}, "kilde", "Velg hvordan du fikk vite det"),
    ({"hvem": ""}, "hvem", "Velg hvem som står bak, eller «Vet ikke»"),
    ({"grep_inn": ""}, "grep_inn", "Svar på om du grep inn"),
    ({"grep_inn": "ja", "tiltak": ""}, "tiltak", "Skriv hva du gjorde da du grep inn"),
    ({"tiltak": "y" * 5_001}, "tiltak", "Teksten kan ha høyst 5 000 tegn"),
    ({"alvorlig": "kanskje"}, "alvorlig", "Svar på om det virker alvorlig, eller velg «Vet ikke»"),
]


@pytest.mark.parametrize(("changes", "field", "message"), ERRORS, ids=[f"{e[1]}-{i}" for i, e in enumerate(ERRORS)])
def test_every_validation_error_is_shown_at_its_field_and_nothing_is_written(
        web: WebServer, changes: dict[str, str], field: str, message: str) -> None:
    api = web.app.state.api
    before = len(api.services.cases.list_cases(_all()))
    c = web.login("staff1")
    r = c.post("/meld", good(**{"hva": "Unik tekst som skal stå igjen i skjemaet.", **changes}))
    assert r.status_code == 400
    assert f'<a href="#{field}">{message}</a>' in r.text  # the summary links to the field
    assert f'id="{field}-error"' in r.text and 'aria-invalid="true"' in r.text
    if field != "hva":
        assert "Unik tekst som skal stå igjen i skjemaet." in r.text  # the input is kept
    assert len(api.services.cases.list_cases(_all())) == before


def _all() -> Any:
    from actionloop.app.ports import CaseQuery

    return CaseQuery()


def test_all_errors_at_once(web: WebServer) -> None:
    r = web.login("staff1").post("/meld", {})
    assert r.status_code == 400
    for field in ("barn", "hva", "kilde", "hvem", "grep_inn", "alvorlig"):
        assert f'href="#{field}"' in r.text


def test_without_the_csrf_token_nothing_is_written(web: WebServer) -> None:
    api = web.app.state.api
    before = len(api.services.cases.list_cases(_all()))
    c = web.login("staff1")
    assert c.post("/meld", good(), csrf=None).status_code == 403
    assert c.post("/meld", good(), csrf="f" * 40).status_code == 403
    assert len(api.services.cases.list_cases(_all())) == before


def test_script_in_every_free_text_field_comes_out_escaped(web: WebServer) -> None:
    c = web.login("staff1")
    # On the form shown again with an error ...
    r = c.post("/meld", good(hva=SCRIPT, tiltak=SCRIPT, sok=SCRIPT, barn=SCRIPT, grep_inn="ja", alvorlig=""))
    assert r.status_code == 400 and SCRIPT not in r.text and "&lt;script&gt;" in r.text
    assert SCRIPT not in c.post("/meld/sok", {"sok": SCRIPT}).text
    # ... and on the receipt.
    case_id = send(c, hva=SCRIPT, tiltak=SCRIPT, grep_inn="ja")
    receipt = c.get(f"/meld/kvittering/{case_id}").text
    assert SCRIPT not in receipt and receipt.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") == 2


def test_who_may_report(web: WebServer) -> None:
    assert web.login("auditor1").get("/meld").status_code == 403
    assert web.login("admin").get("/meld").status_code == 403
    owner = web.login("owner1").get("/meld")
    assert owner.status_code == 200 and "Sara Sørli" in text_of(owner.text)  # every unit of the owner
    anonymous = web.client().get("/meld")
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/logg-inn")


@pytest.mark.parametrize(("lang", "words"), [
    ("nn", ["Meld frå om eit barn", "Kva skjedde?", "Korleis fekk du vite det?", "Send meldinga"]),
    ("en", ["Report a concern about a child", "What happened?", "How did you learn of it?", "Send the report"]),
])
def test_the_form_in_nynorsk_and_english(web: WebServer, lang: str, words: list[str]) -> None:
    c = web.login("staff1")
    page = c.get("/meld", params={"lang": lang})
    assert f'<html lang="{lang}">' in page.text
    text = text_of(page.text)
    for word in words:
        assert word in text
    r = c.post("/meld", good(hva=""))
    assert r.status_code == 400 and f'<html lang="{lang}">' in r.text  # the cookie keeps the language


def test_a_receipt_of_someone_elses_case_is_404(web: WebServer) -> None:
    c = web.login("staff2")
    for letter in ("S", "L", "B", "X"):
        assert c.get(f"/meld/kvittering/{web.case(letter)}").status_code == 404
    assert c.get("/meld/kvittering/finnes-ikke").status_code == 404


def test_a_kindergarten_report_names_the_head_and_the_kindergarten_owner(web: WebServer) -> None:
    c = web.login("owner2")  # the owner of Lia barnehage may report too
    case_id = send(c, barn="k4@u3", hvem="staff", alvorlig="ja", hva="Så at en voksen ristet Olivia.")
    text = text_of(c.get(f"/meld/kvittering/{case_id}").text)
    assert "Meldingen gikk til: Styrer Berit Styrer" in text
    assert "går meldingen straks til styrer, som straks skal melde videre til barnehageeier (barnehageloven § 43)" in text
    assert "barnehageloven § 43" in text


def test_the_principal_reporting_a_staff_offender_goes_straight_to_the_owner(web: WebServer) -> None:
    c = web.login("principal1")
    case_id = send(c, hvem="staff", hva="En lærer slo Emma.")
    text = text_of(c.get(f"/meld/kvittering/{case_id}").text)
    assert "Meldingen gikk til: Skoleeier Eksempel kommune" in text
    assert "er meldingen sendt straks videre til skoleeier (opplæringslova § 12-5)" in text
    events = web.app.state.api.services.cases.export_case(case_id).events
    assert [e.type for e in events] == ["concern", "report_to_owner"]
    own = send(c, hva="Emma virker lei seg.")
    text = text_of(c.get(f"/meld/kvittering/{own}").text)
    assert "Meldingen gikk til: deg som rektor (saken er registrert hos ledelsen ved Nordli skole)" in text
    assert "Du skal sørge for at saken blir undersøkt" in text


def test_the_receipt_in_english(web: WebServer) -> None:
    c = web.login("staff2")
    case_id = send(c, hvem="staff")
    text = text_of(c.get(f"/meld/kvittering/{case_id}", params={"lang": "en"}).text)
    assert "The report has been sent" in text and "The report went to: The principal, Randi Rektor" in text
    assert "goes at once to the principal, who must at once report it on to the school owner" in text


def test_a_receipt_with_an_overlong_id_is_404(web: WebServer) -> None:
    assert web.login("staff1").get("/meld/kvittering/" + "x" * 300).status_code == 404
