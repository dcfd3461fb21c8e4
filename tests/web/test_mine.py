"""Mine saker: my reports and my measures, with dates, and nothing the access rules hide."""

from __future__ import annotations

from .conftest import WebServer, text_of

SCRIPT = "<script>alert('x')</script>"


def test_staff_see_the_cases_they_reported(web: WebServer) -> None:
    page = web.login("staff1").get("/mine")
    assert page.status_code == 200
    for letter in ("A", "S", "L"):  # staff1 reported all three (S: staff suspected, L: leadership)
        assert f'href="/saker/{web.case(letter)}"' in page.text, letter
    for letter in ("B", "X"):
        assert web.case(letter) not in page.text
    text = text_of(page.text)
    assert "Saker jeg har meldt" in text and "15.09.2025" in text  # the date reported
    assert "Frist passert" in text or "Åpen" in text


def test_staff_see_the_measures_they_carry_out_with_dates(web: WebServer) -> None:
    page = web.login("staff2").get("/mine")
    text = text_of(page.text)
    assert "En voksen er ute i hvert storefri." in text
    assert "22.09.2025–17.10.2025" in text  # the measure's period
    assert "03.10.2025" in text  # the plan's next evaluation
    assert "Pågår" in text
    assert f'href="/saker/{web.case("A")}"' in page.text
    for letter in ("S", "L", "B", "X"):
        assert web.case(letter) not in page.text


def test_a_principal_sees_only_their_own_reports_here(web: WebServer) -> None:
    page = web.login("principal2").get("/mine")
    assert web.case("B") in page.text and web.case("A") not in page.text
    page = web.login("principal1").get("/mine")
    for letter in ("A", "S", "L"):  # the unit's cases, but reported by staff1
        assert web.case(letter) not in page.text


def test_nothing_reported_says_so(fresh_web: WebServer) -> None:
    assert "Du har ikke meldt noen saker." in text_of(fresh_web.login("staff2").get("/mine").text)


def test_a_new_report_shows_up_and_its_text_is_escaped(web: WebServer) -> None:
    c = web.login("staff2")
    r = c.post("/meld", {"barn": "k2@u1", "hva": SCRIPT, "kilde": "observed", "hvem": "child",
                         "grep_inn": "nei", "alvorlig": "nei"})
    assert r.status_code == 303
    case_id = r.headers["location"].rsplit("/", 1)[1]
    page = c.get("/mine")
    assert case_id in page.text and SCRIPT not in page.text
    assert "Noah Nordli" in text_of(page.text)


def test_mine_in_nynorsk_and_english(web: WebServer) -> None:
    c = web.login("staff2")
    assert "Tiltak eg gjennomfører" in text_of(c.get("/mine?lang=nn").text)
    text = text_of(c.get("/mine?lang=en").text)
    assert "Measures I carry out" in text and "Under way" in text


def test_mine_needs_a_login(web: WebServer) -> None:
    r = web.client().get("/mine")
    assert r.status_code == 303 and r.headers["location"] == "/logg-inn?neste=%2Fmine"


def test_a_measure_done_shows_its_date(fresh_web: WebServer) -> None:
    api = fresh_web.app.state.api
    case_id = fresh_web.case("A")
    seq = api.services.cases.summary(case_id).last_seq
    api.services.cases.append_event(case_id, {"at": "2025-10-01T10:00:00+02:00", "type": "measure_done",
                                              "by": "t2", "measure": "m1"}, seq, "test")
    text = text_of(fresh_web.login("staff2").get("/mine").text)
    assert "Gjennomført 01.10.2025" in text and "Pågår" not in text


def test_an_evaluation_date_that_has_passed_is_marked(fresh_web: WebServer) -> None:
    fresh_web.app.state.api.clock.advance(days=7)  # 2025-10-08, the evaluation was due 2025-10-03
    text = text_of(fresh_web.login("staff2").get("/mine").text)
    assert "03.10.2025 Passert" in text
