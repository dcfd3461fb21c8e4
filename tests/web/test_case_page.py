"""The case page ``/saker/{case_id}``: the whole loop through its forms, from a new report to closing;
every refusal with the engine's reason; stale writes, CSRF, bad input and ``<script>``; the Word
documents; and who may see what (404 for someone else's case, read-only for the auditor).

Each test that writes makes a case of its own (a new concern through the API), on a server of this
module's own: the new cases would change the counts other modules' tests look for.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from docx import Document

from actionloop.app.readlog import ReadQuery

from .conftest import WebClient, WebServer, _serve, text_of

SCRIPT = "<script>alert('x')</script>"
_SEQ = re.compile(r'name="seq" value="(\d+)"')


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """A server for this module alone (it adds cases)."""
    yield from _serve(tmp_path_factory.mktemp("case-page"))


def new_case(web: WebServer, child: str = "k1", text: str = "Emma sier at hun blir holdt utenfor.",
             at: str = "2025-09-29T08:00:00+02:00", offender: str = "child") -> str:
    """A new concern at unit u1, reported by staff1 (Kari Lærer) through the API."""
    r = httpx.post(web.url + "/api/cases", headers=web.world.headers("staff1"), json={
        "unit_id": "u1", "child_id": child, "source": "child_said", "offender": offender, "text": text, "at": at,
    })
    assert r.status_code == 201, r.text
    case_id: str = r.json()["case_id"]
    return case_id


def api_case(web: WebServer, case_id: str) -> dict[str, Any]:
    r = httpx.get(f"{web.url}/api/cases/{case_id}", headers=web.world.headers("principal1"))
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


def seq_of(page: str) -> str:
    found = _SEQ.search(page)
    assert found, "no step form on the page"
    return found.group(1)


def step(c: WebClient, case_id: str, trigger: str, fields: dict[str, str], seq: str | None = None) -> httpx.Response:
    """Post a step's form as the page has it (the page's seq unless one is given)."""
    if seq is None:
        seq = seq_of(c.get(f"/saker/{case_id}").text)
    return c.post(f"/saker/{case_id}/steg/{trigger}", {"seq": seq, **fields})


def saved(r: httpx.Response, case_id: str, trigger: str) -> None:
    assert r.status_code == 303, (r.status_code, text_of(r.text)[:3000])
    assert r.headers["location"] == f"/saker/{case_id}?lagret={trigger}#hendelser"


def plan_fields(**extra: str) -> dict[str, str]:
    return {
        "at_date": "2025-09-30", "at_time": "10:00",
        "problem": f"Emma blir holdt utenfor i storefri av en gruppe jenter på trinnet. {SCRIPT}",
        "rows": "3",
        "m0_text": f"En voksen er ute i hvert storefri og følger med på leken. {SCRIPT}",
        "m0_from": "2025-09-30", "m0_to": "2025-10-17", "m0_who": "t2", "m0_target": "group",
        "m1_text": "Samtale med jentene i gruppen om hvordan de inkluderer andre.",
        "m1_from": "2025-10-01", "m1_who": "p1", "m1_target": "offender",
        "eval0": "2025-10-01",
        "child_views": f"Emma ønsker at en voksen er ute. {SCRIPT}",
        "best_interests": f"Det beste for Emma er å være med i leken. {SCRIPT}",
        "text": f"Første plan. {SCRIPT}",
        **extra,
    }


def test_the_whole_loop_through_the_forms(web: WebServer) -> None:
    case_id = new_case(web, text=f"Emma sier at hun blir holdt utenfor. {SCRIPT}")
    # The teacher who reported it tells the principal, from the case page.
    teacher = web.login("staff1")
    page = teacher.get(f"/saker/{case_id}")
    assert page.status_code == 200
    assert "Du kan registrere de stegene ansatte tar" in text_of(page.text)
    saved(step(teacher, case_id, "report_to_principal", {"at_date": "2025-09-29", "at_time": "09:00", "to": "p1",
                                                          "text": f"Sa fra i gangen. {SCRIPT}"}),
          case_id, "report_to_principal")

    principal = web.login("principal1")
    page = principal.get(f"/saker/{case_id}")
    text = text_of(page.text)
    assert "Steg nå Meldt til rektor" in text
    # A step not open yet is listed with the engine's reason, and posting it anyway is refused.
    assert "Lage en skriftlig plan: Planen kan ikke lages ennå: undersøkelsen er ikke startet." in text
    seq = seq_of(page.text)
    r = step(principal, case_id, "plan", plan_fields(), seq)
    assert r.status_code == 409
    assert "Steget ble ikke lagret (Lage en skriftlig plan): Planen kan ikke lages ennå" in text_of(r.text)
    assert api_case(web, case_id)["seq"] == int(seq)

    saved(step(principal, case_id, "investigation_started", {"at_date": "2025-09-29", "at_time": "10:00"}),
          case_id, "investigation_started")
    saved(step(principal, case_id, "child_heard", {
        "at_date": "2025-09-29", "at_time": "11:00", "child_view": "not_safe",
        "text": f"«Ingen vil være med meg i storefri.» {SCRIPT}"}), case_id, "child_heard")
    saved(step(principal, case_id, "investigation_concluded", {
        "at_date": "2025-09-30", "at_time": "09:00", "conclusion": "not_safe",
        "problem": f"Emma blir holdt utenfor av en gruppe på trinnet. {SCRIPT}",
        "text": f"Observasjon og samtaler bekrefter det. {SCRIPT}"}), case_id, "investigation_concluded")

    page = principal.get(f"/saker/{case_id}")
    text = text_of(page.text)
    assert "Steg nå Tiltak trengs – plan mangler" in text
    # The plan editor starts from the investigation's problem description.
    assert "Emma blir holdt utenfor av en gruppe på trinnet." in text
    saved(step(principal, case_id, "plan", plan_fields()), case_id, "plan")
    page = principal.get(f"/saker/{case_id}")
    text = text_of(page.text)
    assert "Steg nå Tiltak pågår etter plan" in text
    assert "Aktivitetsplan (versjon 1)" in text
    assert "En voksen er ute i hvert storefri og følger med på leken." in text
    assert "Ola Lærer (lærer)" in text and "30.09.2025–17.10.2025" in text
    # Closing is not open while measures run: the reason is shown.
    assert "Avslutte saken: Saken kan ikke avsluttes ennå: ingen evaluering har konkludert med at saken kan avsluttes." \
        in text
    # The evaluation warns that the child last said they are not safe, and shows the plan's dates.
    assert "Eleven har sist sagt at den ikke har det trygt og godt (29.09.2025)" in text
    assert "Planen sier at tiltakene skal evalueres: 01.10.2025." in text

    assert "Elevens opplevelse sist Ikke trygt og godt (29.09.2025)" in text
    assert 'data-label="Gjennomført">ikke registrert</td>' in page.text
    saved(step(principal, case_id, "measure_done", {"at_date": "2025-10-01", "at_time": "08:00", "measure": "m1"}),
          case_id, "measure_done")
    page = principal.get(f"/saker/{case_id}")
    assert re.search(r'data-label="Gjennomført">01\.10\.2025</td>', page.text)

    # An evaluation that would close the case while the child says they are not safe is refused.
    seq = seq_of(page.text)
    r = step(principal, case_id, "evaluation", {"at_date": "2025-10-01", "at_time": "09:00", "child_view": "not_safe",
                                                "outcome": "close", "text": "Ser bedre ut."}, seq)
    assert r.status_code == 409
    refusal = text_of(r.text)
    assert "Steget ble ikke lagret: Tiltakene kan ikke evalueres ennå" in refusal
    assert "barnet ikke selv sier at det ikke har det trygt og godt" in refusal
    assert "Ser bedre ut." in r.text  # the user's input is kept
    assert api_case(web, case_id)["seq"] == int(seq)

    saved(step(principal, case_id, "evaluation", {
        "at_date": "2025-10-01", "at_time": "09:00", "child_view": "safe", "outcome": "close",
        "text": f"Emma sier hun har det bra nå. {SCRIPT}"}), case_id, "evaluation")
    assert "Steg nå Klar til avslutning" in text_of(principal.get(f"/saker/{case_id}").text)

    # Closing while the child says they are not safe is refused, with the reason.
    seq = seq_of(principal.get(f"/saker/{case_id}").text)
    r = step(principal, case_id, "closed", {"at_date": "2025-10-01", "at_time": "10:00", "child_view": "not_safe",
                                            "text": "Avslutter."}, seq)
    assert r.status_code == 409
    refusal = text_of(r.text)
    assert "Steget ble ikke lagret: Saken kan ikke avsluttes ennå" in refusal
    assert "barnet ikke selv sier at det ikke har det trygt og godt" in refusal
    assert api_case(web, case_id)["seq"] == int(seq)

    saved(step(principal, case_id, "closed", {"at_date": "2025-10-01", "at_time": "10:00", "child_view": "safe",
                                              "text": f"Tiltakene virket. {SCRIPT}"}), case_id, "closed")
    page = principal.get(f"/saker/{case_id}?lagret=closed")
    text = text_of(page.text)
    assert "Lagret: Avslutte saken." in text
    assert "Steg nå Avsluttet" in text and "Avsluttet 01.10.2025" in text
    assert "Elevens opplevelse sist Trygt og godt (01.10.2025)" in text
    data = api_case(web, case_id)
    assert [e["type"] for e in data["timeline"]] == [
        "concern", "report_to_principal", "investigation_started", "child_heard", "investigation_concluded", "plan",
        "measure_done", "evaluation", "closed"]
    # Every event in the timeline, with when, who (name and role) and what.
    for words in ("Bekymring", "Meldt fra til rektor", "Undersøkelse startet", "Eleven hørt", "Undersøkelse konkludert",
                  "Aktivitetsplan", "Evaluering", "Saken avsluttet"):
        assert words in text, words
    assert "29.09.2025 kl. 09:00" in text and "Kari Lærer (lærer)" in text and "Randi Rektor (rektor)" in text
    assert "Elevens opplevelse: ikke trygt og godt" in text
    # Every free-text field is shown, escaped.
    assert "<script>" not in page.text
    assert page.text.count("&lt;script&gt;") >= 9


def test_a_report_from_meld_fra_is_followed_to_the_end_on_the_case_page(web: WebServer) -> None:
    """Meld frå, then the principal investigates, hears the child, concludes that the child is safe
    and closes the case (the law's short way round), every step at the form's own time (now)."""
    teacher = web.login("staff1")
    r = teacher.post("/meld", {"barn": "k2@u1", "hva": f"Noah gråt i garderoben. {SCRIPT}", "kilde": "observed",
                               "hvem": "unknown", "grep_inn": "nei", "alvorlig": "nei", "skjema": "case-page-meld-1"})
    assert r.status_code == 303, text_of(r.text)[:800]
    case_id = r.headers["location"].rsplit("/", 1)[-1]
    principal = web.login("principal1")
    page = principal.get(f"/saker/{case_id}")
    text = text_of(page.text)
    assert "Steg nå Meldt til rektor" in text and "Noah Nordli" in text and "Nordli skole" in text
    assert "Kilde: observert" in text and "Til: Randi Rektor (rektor)" in text
    # Every form starts at now (the frozen clock: 1 October 2025, 12:00).
    assert 'name="at_date" value="2025-10-01"' in page.text and 'name="at_time" value="12:00"' in page.text
    r = step(principal, case_id, "investigation_started", {"at_date": "2025-10-01", "at_time": "12:01"})
    assert r.status_code == 422 and "Klokkeslettet kan ikke være senere enn nå." in text_of(r.text)
    now = {"at_date": "2025-10-01", "at_time": "12:00"}
    saved(step(principal, case_id, "investigation_started", now), case_id, "investigation_started")
    saved(step(principal, case_id, "child_heard", {**now, "child_view": "safe", "text": "«Det går bra nå.»"}),
          case_id, "child_heard")
    saved(step(principal, case_id, "investigation_concluded", {**now, "conclusion": "safe"}), case_id,
          "investigation_concluded")
    text = text_of(principal.get(f"/saker/{case_id}").text)
    assert "Steg nå Undersøkt – eleven har det trygt og godt" in text
    saved(step(principal, case_id, "closed", {**now, "child_view": "safe", "text": "Ingen tiltak trengs."}), case_id,
          "closed")
    page = principal.get(f"/saker/{case_id}")
    assert "Steg nå Avsluttet" in text_of(page.text)
    assert "<script>" not in page.text and "&lt;script&gt;" in page.text
    assert [e["type"] for e in api_case(web, case_id)["timeline"]] == [
        "concern", "report_to_principal", "investigation_started", "child_heard", "investigation_concluded", "closed"]


def test_every_free_text_field_is_escaped_in_the_forms_too(web: WebServer) -> None:
    """The user's input comes back in the forms (re-rendered after an error) escaped."""
    case_id = new_case(web)
    principal = web.login("principal1")
    saved(step(principal, case_id, "report_to_principal", {"at_date": "2025-09-29", "to": "p1"}), case_id,
          "report_to_principal")
    saved(step(principal, case_id, "investigation_started", {"at_date": "2025-09-29"}), case_id,
          "investigation_started")
    r = step(principal, case_id, "child_heard", {"at_date": "2025-09-29", "text": SCRIPT})
    assert r.status_code == 422 and "<script>" not in r.text and "&lt;script&gt;" in r.text
    r = step(principal, case_id, "plan", plan_fields(m0_who=""))
    assert r.status_code == 422
    assert "<script>" not in r.text and r.text.count("&lt;script&gt;") >= 5


def test_bad_input_rerenders_the_form_with_a_message_per_field(web: WebServer) -> None:
    case_id = new_case(web)
    principal = web.login("principal1")
    saved(step(principal, case_id, "report_to_principal", {"at_date": "2025-09-29", "to": "p1"}), case_id,
          "report_to_principal")
    seq = seq_of(principal.get(f"/saker/{case_id}").text)
    r = step(principal, case_id, "child_heard", {"at_date": "2025-13-45", "at_time": "25:99",
                                                 "text": "Hun sa at det er vanskelig."}, seq)
    assert r.status_code == 422
    text = text_of(r.text)
    assert "Rett feltene som er merket, og send på nytt. Ingenting er lagret." in text
    assert "Dato: Skriv datoen som ÅÅÅÅ-MM-DD" in text
    assert "Klokkeslett (valgfritt): Skriv klokkeslettet som TT:MM" in text
    assert "Velg ett av alternativene." in text
    assert 'href="#child_heard-child_view-safe"' in r.text and 'id="child_heard-child_view-safe"' in r.text
    assert 'aria-invalid="true"' in r.text
    assert "Hun sa at det er vanskelig." in r.text and 'value="2025-13-45"' in r.text
    assert re.search(r'<details class="step" open id="steg-child_heard">', r.text)
    # A date in the future is refused too.
    r = step(principal, case_id, "child_heard", {"at_date": "2025-10-02", "child_view": "safe"}, seq)
    assert r.status_code == 422 and "Datoen kan ikke være fram i tid." in text_of(r.text)
    # The plan: a measure without when and who, and no evaluation date.
    saved(step(principal, case_id, "investigation_started", {"at_date": "2025-09-29"}), case_id,
          "investigation_started")
    r = step(principal, case_id, "plan", plan_fields(m0_from="", m0_to="", m0_who="", eval0="", problem=""))
    assert r.status_code == 422
    text = text_of(r.text)
    for message in ("Fyll ut dette feltet.", "Oppgi når tiltaket skal gjennomføres.", "Velg hvem.",
                    "Oppgi minst én dato for evaluering."):
        assert message in text, message
    assert "Tiltak 1, hvem gjennomfører: Velg hvem." in text
    links = set(re.findall(r'href="#([^"]+)"', r.text))
    assert {"plan-problem", "plan-m0_from", "plan-m0_who", "plan-eval0"} <= links
    assert links <= set(re.findall(r'\sid="([^"]+)"', r.text))
    assert api_case(web, case_id)["seq"] == int(seq) + 1


def test_more_rows_and_removing_a_row_keep_the_input(web: WebServer) -> None:
    case_id = new_case(web)
    principal = web.login("principal1")
    saved(step(principal, case_id, "report_to_principal", {"at_date": "2025-09-29", "to": "p1"}), case_id,
          "report_to_principal")
    saved(step(principal, case_id, "investigation_started", {"at_date": "2025-09-29"}), case_id,
          "investigation_started")
    seq = seq_of(principal.get(f"/saker/{case_id}").text)
    r = step(principal, case_id, "plan", {**plan_fields(), "action": "rows", "m0_remove": "1"}, seq)
    assert r.status_code == 200
    # The first row is gone, the second moved up, and there are 2 more rows (3 - 1 + 2 = 4).
    assert 'name="rows" value="4"' in r.text
    assert "Samtale med jentene i gruppen" in r.text and "En voksen er ute i hvert storefri" not in r.text
    assert 'id="plan-m3_text"' in r.text and 'id="plan-m4_text"' not in r.text
    assert api_case(web, case_id)["seq"] == int(seq)  # nothing written
    # Saving what the form now holds stores one measure.
    fields = {k: v for k, v in plan_fields().items() if not k.startswith("m")}
    fields.update({"rows": "4", "m0_text": "Samtale med jentene.", "m0_from": "2025-10-01", "m0_who": "p1"})
    saved(step(principal, case_id, "plan", fields, seq), case_id, "plan")
    plan = api_case(web, case_id)["timeline"][-1]["fields"]["plan"]
    assert plan["measures"] == [{"id": "m1", "text": "Samtale med jentene.", "when": "2025-10-01", "performer": "p1"}]
    assert plan["version"] == 1 and plan["evaluations"] == ["2025-10-01"]


def test_a_stale_write_shows_the_current_state_and_writes_nothing(web: WebServer) -> None:
    case_id = new_case(web)
    principal = web.login("principal1")
    old = seq_of(principal.get(f"/saker/{case_id}").text)
    # Someone else records a step first.
    handler = web.login("handler1")
    saved(step(handler, case_id, "report_to_principal", {"at_date": "2025-09-29", "to": "p1"}), case_id,
          "report_to_principal")
    r = step(principal, case_id, "intervention", {"at_date": "2025-09-29", "text": "Grep inn i friminuttet."}, old)
    assert r.status_code == 409
    text = text_of(r.text)
    assert "Saken er endret av noen andre siden du åpnet den. Ingenting ble lagret." in text
    assert "Steg nå Meldt til rektor" in text and "Ivar Inspektør" in text  # the current state, and who changed it
    assert "Grep inn i friminuttet." in r.text  # the user's input kept, with the new seq to send again
    assert seq_of(r.text) == str(int(old) + 1)
    assert [e["type"] for e in api_case(web, case_id)["timeline"]] == ["concern", "report_to_principal"]


def test_sending_the_same_form_twice_writes_once(web: WebServer) -> None:
    case_id = new_case(web)
    principal = web.login("principal1")
    page = principal.get(f"/saker/{case_id}")
    idem = re.search(r'name="idem" value="([^"]+-intervention)"', page.text)
    assert idem
    fields = {"seq": seq_of(page.text), "idem": idem.group(1), "at_date": "2025-09-29", "text": "Stoppet dyttingen."}
    for _ in range(2):  # a double click, or the browser sending the form again
        saved(principal.post(f"/saker/{case_id}/steg/intervention", fields), case_id, "intervention")
    assert [e["type"] for e in api_case(web, case_id)["timeline"]] == ["concern", "intervention"]


def test_a_form_without_the_csrf_token_is_refused(web: WebServer) -> None:
    case_id = new_case(web)
    principal = web.login("principal1")
    seq = seq_of(principal.get(f"/saker/{case_id}").text)
    for token in (None, "feil-token"):
        r = principal.post(f"/saker/{case_id}/steg/intervention", {"seq": seq, "at_date": "2025-09-29"}, csrf=token)
        assert r.status_code == 403
    assert api_case(web, case_id)["seq"] == int(seq)
    r = principal.post(f"/saker/{case_id}/steg/finnes_ikke", {"seq": seq, "at_date": "2025-09-29"})
    assert r.status_code == 404


def test_the_plan_downloads_as_a_word_file(web: WebServer) -> None:
    case_id = new_case(web)
    principal = web.login("principal1")
    for trigger, fields in (("report_to_principal", {"at_date": "2025-09-29", "to": "p1"}),
                            ("investigation_started", {"at_date": "2025-09-29"}),
                            ("plan", plan_fields())):
        saved(step(principal, case_id, trigger, fields), case_id, trigger)
    page = principal.get(f"/saker/{case_id}")
    for kind in ("plan", "plan-family", "log", "log-family"):
        assert f'href="/saker/{case_id}/dokument/{kind}"' in page.text
        r = principal.get(f"/saker/{case_id}/dokument/{kind}")
        assert r.status_code == 200, kind
        assert r.headers["content-type"] == \
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        disposition = r.headers["content-disposition"]
        assert re.fullmatch(r'attachment; filename="[A-Za-z0-9_-]+\.docx"', disposition), disposition
        doc = Document(io.BytesIO(r.content))
        words = "\n".join([p.text for p in doc.paragraphs]
                          + [c.text for t in doc.tables for row in t.rows for c in row.cells])
        if kind.startswith("plan"):
            assert "Emma blir holdt utenfor i storefri av en gruppe jenter på trinnet." in words
            assert "En voksen er ute i hvert storefri og følger med på leken." in words
        else:
            assert "Saksgang" in words
    reads = web.app.state.api.reads.find(ReadQuery(case_ids=[case_id]))
    mine = [x.what for x in reads if x.account_id == web.world.account_ids["principal1"]]
    assert "document" in mine and "case" in mine
    assert principal.get(f"/saker/{case_id}/dokument/annet").status_code == 404


def test_a_case_without_a_plan_has_no_plan_document(web: WebServer) -> None:
    case_id = new_case(web)
    principal = web.login("principal1")
    page = principal.get(f"/saker/{case_id}")
    assert f"/saker/{case_id}/dokument/plan\"" not in page.text
    r = principal.get(f"/saker/{case_id}/dokument/plan")
    assert r.status_code == 409 and "Dokumentet kan ikke lages ennå" in text_of(r.text)


def test_someone_elses_case_is_not_found(web: WebServer) -> None:
    case_a = web.case("A")
    other = web.login("principal2")
    for path in (f"/saker/{case_a}", f"/saker/{case_a}/dokument/plan", "/saker/finnes-ikke"):
        r = other.get(path)
        assert r.status_code == 404, path
        assert "Emma" not in r.text and "case-a" not in text_of(r.text).replace("/saker/case-a", "")
    r = other.post(f"/saker/{case_a}/steg/note", {"seq": "6", "at_date": "2025-09-29", "text": "x"})
    assert r.status_code == 404
    # The case where the leadership is suspected is hidden from the principal.
    principal = web.login("principal1")
    assert principal.get(f"/saker/{web.case('L')}").status_code == 404
    assert principal.get(f"/saker/{web.case('A')}").status_code == 200


def test_the_auditor_reads_without_forms_and_the_read_is_logged(web: WebServer) -> None:
    case_a = web.case("A")
    auditor = web.login("auditor1")
    page = auditor.get(f"/saker/{case_a}")
    assert page.status_code == 200
    text = text_of(page.text)
    assert "Du har lesetilgang til denne saken." in text
    assert "Steg nå Tiltak pågår etter plan" in text and "Hendelser" in text
    assert f'action="/saker/{case_a}/steg/' not in page.text
    r = auditor.post(f"/saker/{case_a}/steg/note", {"seq": "6", "at_date": "2025-09-29", "text": "x"})
    assert r.status_code == 403
    reads = web.app.state.api.reads.find(ReadQuery(case_ids=[case_a]))
    assert any(x.what == "case" and x.account_id == web.world.account_ids["auditor1"] for x in reads)


def test_a_member_of_staff_gets_only_the_steps_staff_take(web: WebServer) -> None:
    # staff2 carries out a measure of case A's plan: they see it and may record the measure as done.
    case_a = web.case("A")
    staff = web.login("staff2")
    page = staff.get(f"/saker/{case_a}")
    assert page.status_code == 200
    assert f'action="/saker/{case_a}/steg/measure_done#steg-measure_done"' in page.text
    assert f'action="/saker/{case_a}/steg/plan' not in page.text
    assert f'action="/saker/{case_a}/steg/evaluation' not in page.text
    assert "Registreres av rektor/styrer eller saksbehandler." in text_of(page.text)
    r = staff.post(f"/saker/{case_a}/steg/evaluation", {"seq": seq_of(page.text), "at_date": "2025-10-01",
                                                         "child_view": "safe", "outcome": "continue"})
    assert r.status_code == 403


def test_the_page_speaks_nynorsk_and_english(web: WebServer) -> None:
    case_a = web.case("A")
    principal = web.login("principal1")
    nn = text_of(principal.get(f"/saker/{case_a}?lang=nn").text)
    assert "Hendingar" in nn and "Tiltak går etter plan" in nn and "Fristar" in nn
    en = text_of(principal.get(f"/saker/{case_a}?lang=en").text)
    assert "Events" in en and "Measures under way" in en and "The law's term" in en
    assert "Concern" in en and "Kari Lærer (teacher)" in en


def test_a_revision_keeps_the_measures_and_makes_version_two(web: WebServer) -> None:
    case_id = new_case(web)
    principal = web.login("principal1")
    for trigger, fields in (("report_to_principal", {"at_date": "2025-09-29", "to": "p1"}),
                            ("investigation_started", {"at_date": "2025-09-29"}),
                            ("plan", plan_fields()),
                            ("evaluation", {"at_date": "2025-10-01", "child_view": "unclear", "outcome": "revise",
                                            "text": "Tiltak 2 virker ikke."})):
        saved(step(principal, case_id, trigger, fields), case_id, trigger)
    page = principal.get(f"/saker/{case_id}")
    text = text_of(page.text)
    assert "Steg nå Planen skal justeres" in text
    assert "Skjemaet er fylt ut med gjeldende plan." in text
    # The editor holds the current plan: its measures with their ids, dates and who.
    assert 'name="m0_id" value="m1"' in page.text and 'name="m1_id" value="m2"' in page.text
    assert 'name="m0_from" value="2025-09-30"' in page.text and 'name="m0_to" value="2025-10-17"' in page.text
    assert re.search(r'<option value="t2" selected>Ola Lærer \(lærer\)</option>', page.text)
    fields = plan_fields(m1_remove="1", m2_text="Foreldremøte for trinnet.", m2_from="2025-10-01", m2_who="p1",
                         m2_target="home", eval0="2025-10-01", eval1="2025-10-15", at_date="2025-10-01")
    fields.update({"m0_id": "m1", "m1_id": "m2"})
    saved(step(principal, case_id, "plan", fields), case_id, "plan")
    plan = api_case(web, case_id)["timeline"][-1]["fields"]["plan"]
    assert plan["version"] == 2
    assert [(m["id"], m["text"][:20]) for m in plan["measures"]] == [("m1", "En voksen er ute i h"),
                                                                      ("m3", "Foreldremøte for tri")]
    assert plan["evaluations"] == ["2025-10-01", "2025-10-15"]
    page = principal.get(f"/saker/{case_id}")
    text = text_of(page.text)
    assert "Aktivitetsplan (versjon 2)" in text and "Steg nå Tiltak pågår etter plan" in text
    # The version before stays readable: listed under the plan, with its own Word document.
    assert "Tidligere versjoner av planen" in text
    assert re.search(r"Versjon 1, [^,]+, 2 tiltak: Aktivitetsplanen, versjon 1 \(Word\)", text), text
    link = f'href="/saker/{case_id}/dokument/plan?versjon=1"'
    assert link in page.text and "versjon=2" not in page.text
    words = {}
    for version in (1, 2):
        r = principal.get(f"/saker/{case_id}/dokument/plan?versjon={version}")
        assert r.status_code == 200
        doc = Document(io.BytesIO(r.content))
        words[version] = "\n".join([p.text for p in doc.paragraphs]
                                   + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert "Foreldremøte for trinnet." in words[2] and "Foreldremøte for trinnet." not in words[1]
    assert principal.get(f"/saker/{case_id}/dokument/plan?versjon=3").status_code == 409
    assert principal.get(f"/saker/{case_id}/dokument/plan?versjon=0").status_code == 400


def test_the_owner_handles_a_leadership_case_the_principal_cannot_see(web: WebServer) -> None:
    case_id = new_case(web, offender="leadership", text="Emma sier at inspektøren hengte henne ut.")
    assert web.login("principal1").get(f"/saker/{case_id}").status_code == 404
    assert web.login("handler1").get(f"/saker/{case_id}").status_code == 404
    owner = web.login("owner1")
    page = owner.get(f"/saker/{case_id}")
    assert page.status_code == 200
    text = text_of(page.text)
    assert "Ledelsen er mistenkt – saken går til eier" in text and "Steg nå Bekymring registrert" in text
    # The teacher who reported it sends it to the owner, whom the form offers.
    teacher = web.login("staff1")
    page = teacher.get(f"/saker/{case_id}")
    assert '<option value="o1">Eksempel kommune</option>' in page.text
    saved(step(teacher, case_id, "report_to_owner", {"at_date": "2025-09-29", "at_time": "09:00", "to": "o1"}),
          case_id, "report_to_owner")
    # The owner's representative acts in their own name (no staff id): recorded as the owner.
    saved(step(owner, case_id, "investigation_started", {"at_date": "2025-09-29", "at_time": "10:00"}), case_id,
          "investigation_started")
    r = httpx.get(f"{web.url}/api/cases/{case_id}", headers=web.world.headers("owner1"))
    timeline = r.json()["timeline"]
    assert timeline[-1]["type"] == "investigation_started"
    assert timeline[-1]["by"] == f"account-{web.world.account_ids['owner1']}"
    text = text_of(owner.get(f"/saker/{case_id}").text)
    assert "Til: Eksempel kommune (skoleeier)" in text and "Steg nå Undersøkes" in text
    assert "Hvem Eksempel kommune (skoleeier)" in text


def test_a_staff_case_is_marked_and_a_kindergarten_case_speaks_of_the_child(web: WebServer) -> None:
    case_id = new_case(web, offender="staff", text="Så at en voksen dro Emma i armen.")
    page = web.login("principal1").get(f"/saker/{case_id}")
    assert "En ansatt er mistenkt" in text_of(page.text)
    assert web.login("staff2").get(f"/saker/{case_id}").status_code == 404
    page = web.login("owner2").get(f"/saker/{web.case('X')}")
    assert page.status_code == 200
    text = text_of(page.text)
    assert "Alvorlig sak" in text and "Barn Olivia Lia" in text and "Lia barnehage" in text
    assert "barnehageloven" in text
    assert "Har barnet det trygt og godt – etter sin egen opplevelse?" in text and "Barnets egne ord" in text


def test_statsforvaltaren_steps_the_family_takes_and_a_decision_with_orders(web: WebServer) -> None:
    """Steps with fields of their own kinds, all from the case-file schema: who in the family acted,
    a list of orders with deadlines (rows), and an order chosen from the latest decision."""
    case_id = new_case(web, at="2025-09-22T08:00:00+02:00")
    principal = web.login("principal1")
    page = principal.get(f"/saker/{case_id}")
    assert "Melde saken til Statsforvalteren: Saken kan ikke meldes til Statsforvalteren ennå" in text_of(page.text)
    saved(step(principal, case_id, "raised_with_principal", {"at_date": "2025-09-22", "at_time": "15:00",
                                                             "by": "k1"}), case_id, "raised_with_principal")
    saved(step(principal, case_id, "sf_report", {"at_date": "2025-09-29", "by": "k1"}), case_id, "sf_report")
    page = principal.get(f"/saker/{case_id}")
    assert 'name="orders0_text"' in page.text and 'name="orders2_deadline"' in page.text
    r = step(principal, case_id, "sf_decision", {"at_date": "2025-09-30", "outcome": "not_fulfilled",
                                                 "orders1_deadline": "2025-11-31"})
    assert r.status_code == 422
    text = text_of(r.text)
    assert "Pålegg 2, hva Statsforvalteren pålegger: Fyll ut dette feltet." in text
    assert "Pålegg 2, frist: Skriv datoen som ÅÅÅÅ-MM-DD" in text
    saved(step(principal, case_id, "sf_decision", {
        "at_date": "2025-09-30", "outcome": "not_fulfilled",
        "orders0_text": f"Skolen skal lage en aktivitetsplan. {SCRIPT}", "orders0_deadline": "2025-10-31",
        "orders1_text": "Skolen skal høre eleven."}), case_id, "sf_decision")
    decision = api_case(web, case_id)["timeline"][-1]["fields"]
    assert decision["orders"] == [
        {"id": "o1", "text": f"Skolen skal lage en aktivitetsplan. {SCRIPT}", "deadline": "2025-10-31"},
        {"id": "o2", "text": "Skolen skal høre eleven."}]
    page = principal.get(f"/saker/{case_id}")
    assert '<option value="o1">o1: Skolen skal lage en aktivitetsplan. &lt;script&gt;' in page.text
    saved(step(principal, case_id, "sf_order_done", {"at_date": "2025-10-01", "order": "o2"}), case_id,
          "sf_order_done")
    page = principal.get(f"/saker/{case_id}")
    assert '<option value="o2">' not in page.text and '<option value="o1">' in page.text
    assert "<script>" not in page.text


def test_refusals_and_field_messages_come_in_the_users_language(web: WebServer) -> None:
    case_id = new_case(web)
    principal = web.login("principal1")
    page = principal.get(f"/saker/{case_id}?lang=nn")  # sets the language cookie
    assert "Lage ein skriftleg plan: Planen kan ikkje lagast enno" in text_of(page.text)
    r = step(principal, case_id, "plan", plan_fields(), seq_of(page.text))
    assert r.status_code == 409 and 'lang="nn"' in r.text
    assert "Steget vart ikkje lagra (Lage ein skriftleg plan): Planen kan ikkje lagast enno" in text_of(r.text)
    r = step(principal, case_id, "intervention", {"at_date": "2025-02-30"})
    assert r.status_code == 422 and "Skriv datoen som ÅÅÅÅ-MM-DD, til dømes 2025-09-22." in text_of(r.text)
    saved(step(principal, case_id, "intervention", {"at_date": "2025-09-29"}), case_id, "intervention")
    assert "Lagra: Gripe inn." in text_of(principal.get(f"/saker/{case_id}?lagret=intervention").text)
    principal.get(f"/saker/{case_id}?lang=en")
    r = step(principal, case_id, "plan", plan_fields())
    assert "The step was not saved (Make a written plan): The plan cannot be made yet" in text_of(r.text)


def test_every_id_is_unique_and_every_label_and_link_finds_its_element(web: WebServer) -> None:
    """Many forms share the page: their fields' ids must not collide (a label, or a link in an error
    summary, would lead to the wrong field)."""
    for user, letter in (("principal1", "A"), ("staff2", "A"), ("auditor1", "A"), ("owner2", "X"), ("owner1", "L")):
        c = web.login(user)
        for lang in ("nb", "nn", "en"):
            page = c.get(f"/saker/{web.case(letter)}?lang={lang}").text
            ids = re.findall(r'\sid="([^"]+)"', page)
            assert len(ids) == len(set(ids)), (user, letter, lang)
            assert set(re.findall(r'\sfor="([^"]+)"', page)) <= set(ids), (user, letter, lang)
            assert set(re.findall(r'href="#([^"]+)"', page)) <= set(ids), (user, letter, lang)
            assert f'lang="{lang}"' in page


def test_a_step_in_the_same_minute_as_a_report_with_seconds_is_not_refused(web: WebServer) -> None:
    """The API stores seconds; the forms take minutes. A step entered at the report's minute is
    placed at the report's instant, not refused as "before" it."""
    case_id = new_case(web, at="2025-09-29T08:00:30+02:00")
    teacher = web.login("staff1")
    saved(step(teacher, case_id, "report_to_principal", {"at_date": "2025-09-29", "at_time": "08:00", "to": "p1"}),
          case_id, "report_to_principal")
    events = api_case(web, case_id)["timeline"]
    assert [e["at"] for e in events[-2:]] == ["2025-09-29T08:00:30+02:00"] * 2
    # a minute that is really earlier is still refused, with the reason
    principal = web.login("principal1")
    r = step(principal, case_id, "investigation_started", {"at_date": "2025-09-29", "at_time": "07:59"})
    assert r.status_code in (409, 422)
    assert api_case(web, case_id)["seq"] == 2
