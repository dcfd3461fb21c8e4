"""The principal's overview: new reports, cases by step, deadlines with date and paragraph, filters,
and nothing the access rules hide."""

from __future__ import annotations

import re

import pytest

from .conftest import WebServer, text_of

SCRIPT = "<script>alert('x')</script>"


def case_links(page: str) -> set[str]:
    return set(re.findall(r'href="/saker/([^"]+)"', page))


def test_the_principal_sees_the_units_cases_and_no_others(web: WebServer) -> None:
    for leader in ("principal1", "handler1"):
        page = web.login(leader).get("/oversikt")
        assert page.status_code == 200
        links = case_links(page.text)
        assert {web.case("A"), web.case("S")} <= links, leader
        for letter in ("L", "B", "X"):  # L: the leadership is suspected (the owner's); B, X: other units
            assert web.case(letter) not in links, (leader, letter)
    assert case_links(web.login("principal2").get("/oversikt").text) >= {web.case("B")}


def test_only_the_leadership_has_an_overview(web: WebServer) -> None:
    for role in ("staff1", "owner1", "auditor1", "admin"):
        assert web.login(role).get("/oversikt").status_code == 403, role
    r = web.client().get("/oversikt")
    assert r.status_code == 303 and r.headers["location"] == "/logg-inn?neste=%2Foversikt"


def test_deadlines_show_the_date_and_the_paragraph(web: WebServer) -> None:
    text = text_of(web.login("principal1").get("/oversikt").text)
    # S: staff suspected, reported 15.09.2025; reporting to the owner was due at once (§ 12-5): overdue.
    assert "15.09.2025 Passert Melde fra til skoleeier (opplæringslova § 12-5)" in text
    # A: measures under way; the plan's evaluation on 03.10.2025 (+ the local tolerance) is next.
    assert re.search(r"\d\d\.10\.2025 Snart Evaluere og justere \(opplæringslova § 12-4 tredje ledd\)", text)
    assert "Frist passert: 1" in text
    assert "Alvorlig" in text and "Ansatt mistenkt" in text


def test_open_cases_by_step(web: WebServer) -> None:
    page = web.login("principal1").get("/oversikt").text
    assert re.search(r'<a href="/oversikt\?steg=tiltak">Tiltak pågår etter plan</a></th><td class="num">1</td>', page)
    assert re.search(r'<a href="/oversikt\?steg=meldt">Meldt til rektor</a></th><td class="num">\d+</td>', page)


@pytest.mark.parametrize(("query", "present", "absent"), [
    ({"steg": "tiltak"}, ["A"], ["S"]),
    ({"status": "forfalt"}, ["S"], ["A"]),
    ({"status": "alvorlig"}, ["S"], ["A"]),
    ({"status": "ansatt"}, ["S"], ["A"]),
    ({"tekst": "emma"}, ["A"], ["S"]),
    ({"tekst": "CASE-S"}, ["S"], ["A"]),
    ({"enhet": "u1-sfo"}, [], ["A", "S"]),
    ({"status": "avsluttet"}, [], ["A", "S"]),
    ({"status": "hva-som-helst", "steg": "finnes-ikke", "enhet": "u3"}, ["A", "S"], []),  # ignored
])
def test_filters(web: WebServer, query: dict[str, str], present: list[str], absent: list[str]) -> None:
    page = web.login("principal1").post("/oversikt", query).text
    table = page.split('id="saker"', 1)[1]
    links = case_links(table)
    for letter in present:
        assert web.case(letter) in links, (query, letter)
    for letter in absent:
        assert web.case(letter) not in links, (query, letter)


def test_a_new_report_is_listed_as_not_opened_until_the_principal_opens_it(web: WebServer) -> None:
    staff = web.login("staff2")
    r = staff.post("/meld", {"barn": "k1@u1", "hva": "Emma gråt i garderoben.", "kilde": "observed", "hvem": "child",
                             "grep_inn": "nei", "alvorlig": "vet_ikke"})
    case_id = r.headers["location"].rsplit("/", 1)[1]
    principal = web.login("handler1")
    new = principal.get("/oversikt").text.split('id="steg"', 1)[0]
    assert case_id in new
    row = new.split(case_id, 2)[2].split("</tr>", 1)[0]
    assert "Ikke åpnet" in row
    assert principal.get(f"/saker/{case_id}").status_code == 200
    new = principal.get("/oversikt").text.split('id="steg"', 1)[0]
    row = new.split(case_id, 2)[2].split("</tr>", 1)[0]
    assert "Åpnet" in row and "Ikke åpnet" not in row
    assert case_id in web.login("principal1").get("/oversikt", params={"status": "nye"}).text


def test_the_filters_other_than_text_work_from_the_address_and_text_never_does(web: WebServer) -> None:
    principal = web.login("principal1")
    by_step = case_links(principal.get("/oversikt", params={"steg": "tiltak"}).text.split('id="saker"', 1)[1])
    assert web.case("A") in by_step and web.case("S") not in by_step
    by_name = case_links(principal.get("/oversikt", params={"tekst": "emma"}).text.split('id="saker"', 1)[1])
    assert web.case("S") in by_name  # the name in the address was not used
    assert principal.post("/oversikt", {"tekst": "emma"}, csrf=None).status_code == 403


def test_text_search_is_escaped(web: WebServer) -> None:
    page = web.login("principal1").post("/oversikt", {"tekst": SCRIPT}).text
    assert SCRIPT not in page and "&lt;script&gt;" in page
    assert "Ingen saker passer filtrene." in text_of(page)


@pytest.mark.parametrize(("lang", "words"), [
    ("nn", ["Opne saker etter steg", "Nye meldingar", "Fristar", "Neste frist"]),
    ("en", ["Open cases by step", "New reports", "Deadlines", "Next deadline", "Measures under way"]),
])
def test_overview_in_nynorsk_and_english(web: WebServer, lang: str, words: list[str]) -> None:
    page = web.login("principal1").get("/oversikt", params={"lang": lang}).text
    assert f'<html lang="{lang}">' in page
    text = text_of(page)
    for word in words:
        assert word in text


def test_a_row_changes_when_its_case_does(fresh_web: WebServer) -> None:
    principal = fresh_web.login("principal1")
    case_id = fresh_web.case("S")

    def row_of_s() -> str:
        table = principal.get("/oversikt").text.split('id="saker"', 1)[1]
        return table.split(f'href="/saker/{case_id}"', 1)[1].split("</tr>", 1)[0]

    assert "Melde fra til skoleeier" in row_of_s()
    assert "Melde fra til skoleeier" in row_of_s()  # the kept row
    api = fresh_web.app.state.api
    seq = api.services.cases.summary(case_id).last_seq
    api.services.cases.append_event(case_id, {"at": "2025-09-15T11:00:00+02:00", "type": "report_to_owner",
                                              "by": "p1", "to": "o1"}, seq, "test",
                                    people=[{"id": "o1", "role": "owner", "name": "Eksempel kommune"}])
    assert "Melde fra til skoleeier" not in row_of_s()
    english = principal.get("/oversikt?lang=en").text
    assert "Report to the school owner" not in english.split('id="saker"', 1)[1]
