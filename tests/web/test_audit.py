"""``/tilsyn``: findings for a unit or an owner over a period, per duty and per case, drill-down to
the case and the paragraph, and the Word report — over real HTTP, for the auditor and the owner."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import httpx
import pytest
from docx import Document

from .conftest import WebServer, _serve, text_of


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """A server of this module's own: the figures counted here must not see other modules' new cases."""
    yield from _serve(tmp_path_factory.mktemp("web-audit"))


def test_the_audit_page_starts_with_a_form_of_the_units_in_scope(web: WebServer) -> None:
    r = web.login("auditor1").get("/tilsyn")
    assert r.status_code == 200
    assert '<form method="get" action="/tilsyn"' in r.text
    options = re.findall(r'<option value="([^"]*)"', r.text)
    assert options[0] == "owner:o1" and {"u1", "u1-sfo", "u2"} <= set(options) and "u3" not in options
    assert 'for="fra"' in r.text and 'for="til"' in r.text
    assert "Per sak" not in text_of(r.text)  # no findings (and no reads logged) until asked


def test_the_auditor_sees_the_findings_of_every_case_in_scope(web: WebServer) -> None:
    r = web.login("auditor1").get("/tilsyn?enhet=owner%3Ao1&fra=&til=")
    assert r.status_code == 200
    text = text_of(r.text)
    assert "Funn for Eksempel kommune" in text
    assert "4 saker i perioden. Funnene i 4 av dem vises under" in text
    links = set(re.findall(r'href="/saker/([^"#]+)"', r.text))
    assert links == {web.case(x) for x in "ASLB"}
    # Each finding carries its paragraph, linked to the law.
    assert "opplæringslova § 12-4" in text
    assert 'href="https://lovdata.no/lov/2023-06-09-30/%C2%A712-4"' in r.text
    assert re.search(r'<a class="button-secondary" href="/tilsyn/rapport\?enhet=owner%3Ao1"', r.text)
    # ... and the events it rests on, linked to the case's timeline.
    assert f'href="/saker/{web.case("A")}#hendelse-1"' in r.text


def test_a_duty_drills_down_to_the_cases_and_what_was_found(web: WebServer) -> None:
    c = web.login("auditor1")
    r = c.get("/tilsyn?enhet=u1")
    link = re.search(r'href="(/tilsyn\?enhet=u1&amp;plikt=hear_child#plikt)"', r.text)
    assert link is not None
    r = c.get(link.group(1).replace("&amp;", "&"))
    drill = r.text.split('id="plikt"', 1)[1].split("</section>", 1)[0]
    text = text_of(drill)
    assert "Høre eleven og vurdere elevens beste" in text and "Hjemmel:" in text
    assert {web.case(x) for x in "ASL"} == set(re.findall(r'href="/saker/([^"#]+)"', drill))
    # The worst first: S (the child never heard) is a breach, A (heard, no best-interests assessment) a warning.
    assert text.index("Brudd") < text.index("Advarsel (lokal frist)") < text.index("Kan ikke vurderes")
    assert "Barnet ble hørt om sin egen opplevelse 2025-09-16." in text


def test_the_owner_sees_counts_of_all_and_findings_of_its_own_cases(web: WebServer) -> None:
    r = web.login("owner1").get("/tilsyn?enhet=owner:o1")
    text = text_of(r.text)
    assert r.status_code == 200 and "4 saker i perioden. Funnene i 2 av dem vises under" in text
    assert set(re.findall(r'href="/saker/([^"#]+)"', r.text)) == {web.case("S"), web.case("L")}


def test_the_period_narrows_the_cases(web: WebServer) -> None:
    c = web.login("auditor1")
    r = c.get("/tilsyn?enhet=u1&fra=01.08.2025&til=2025-09-01")
    assert r.status_code == 200 and "0 saker i perioden" in text_of(r.text)
    r = c.get("/tilsyn?enhet=u1&fra=15.09.2025&til=30.09.2025")
    assert "3 saker i perioden" in text_of(r.text)


def test_bad_input_gets_a_message_per_field_and_no_findings(web: WebServer) -> None:
    c = web.login("auditor1")
    r = c.get("/tilsyn?enhet=u3&fra=32.13.2025&til=")
    assert r.status_code == 400
    text = text_of(r.text)
    assert "Velg en enhet du har tilgang til." in text and "Skriv en gyldig dato" in text
    assert 'href="#enhet"' in r.text and 'href="#fra"' in r.text and 'aria-invalid="true"' in r.text
    assert 'value="32.13.2025"' in r.text  # the user's input is kept
    assert "Per sak" not in text
    r = c.get("/tilsyn?enhet=u1&fra=01.10.2025&til=01.09.2025")
    assert r.status_code == 400 and "Sluttdatoen kan ikke være før startdatoen." in text_of(r.text)
    r = c.get("/tilsyn?enhet=u1&plikt=<script>")
    assert r.status_code == 200 and "<script>" not in r.text
    r = c.get("/tilsyn?enhet=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert r.status_code == 400 and "<script>alert(1)" not in r.text


def test_the_report_downloads_as_word_with_the_cases_the_reader_may_see(web: WebServer) -> None:
    r = web.login("auditor1").get("/tilsyn/rapport?enhet=u1")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "attachment" in r.headers["content-disposition"] and ".docx" in r.headers["content-disposition"]
    doc = Document(io.BytesIO(r.content))
    words = " ".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert web.case("A") in words and web.case("B") not in words  # B is at another unit
    r = web.login("owner1").get("/tilsyn/rapport?enhet=u1")
    doc = Document(io.BytesIO(r.content))
    words = " ".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert web.case("S") in words and web.case("A") not in words
    bad = web.login("auditor1").get("/tilsyn/rapport?enhet=u3")
    assert bad.status_code == 303 and bad.headers["location"].startswith("/tilsyn?enhet=u3")


def test_others_do_not_get_the_audit(web: WebServer) -> None:
    for user in ("staff1", "principal1", "handler1", "admin"):
        c = web.login(user)
        assert c.get("/tilsyn?enhet=u1").status_code == 403, user
        assert c.get("/tilsyn/rapport?enhet=u1").status_code == 403, user
    r = web.client().get("/tilsyn/rapport?enhet=u1")
    assert r.status_code == 303 and r.headers["location"].startswith("/logg-inn?neste=")


def test_reading_the_findings_is_logged(web: WebServer) -> None:
    web.login("auditor1").get("/tilsyn?enhet=u2")
    log = web.login("owner1").get("/eier").text.split('id="reads-title"', 1)[1]
    rows = [text_of(row) for row in re.findall(r"<tr>(.*?)</tr>", log, re.S)]
    assert any("auditor1" in row and web.case("B") in row and "Så funnene" in row for row in rows)


def test_the_findings_follow_a_case_that_changes(fresh_web: WebServer) -> None:
    """Findings are kept per version of a case: a new step is judged at once."""
    c = fresh_web.login("auditor1")
    b = fresh_web.case("B")

    def investigate() -> str:
        page = c.get("/tilsyn?enhet=u2&plikt=investigate").text
        drill = page.split('id="plikt"', 1)[1].split("</section>", 1)[0]
        row = re.search(rf'href="/saker/{b}">.*?</tr>', drill, re.S)
        assert row is not None
        return text_of(row.group(0))

    before = investigate()
    assert investigate() == before  # the same, from memory
    event = {"at": "2025-09-16T09:00:00+02:00", "type": "investigation_started", "by": "p2"}
    r = httpx.post(f"{fresh_web.url}/api/cases/{b}/events", json={"expected_seq": 1, "event": event},
                   headers=fresh_web.world.headers("principal2"))
    assert r.status_code == 201, r.text
    after = investigate()
    assert after != before and "2025-09-16" in after
