"""``/eier``: the owner's overview over real HTTP — figures per unit, findings per duty (chart and
table), the serious and staff/leadership cases linked, the read log; and nobody else gets it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from .conftest import WebServer, _serve, text_of


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """A server of this module's own: the figures counted here must not see other modules' new cases."""
    yield from _serve(tmp_path_factory.mktemp("web-owner"))


def test_the_owner_sees_its_units_figures_and_its_own_cases(web: WebServer) -> None:
    r = web.login("owner1").get("/eier")
    assert r.status_code == 200
    text = text_of(r.text)
    assert "Eieroversikt" in text and "Eksempel kommune" in text
    # Its units, and not the other owner's.
    for unit in ("Nordli skole", "Nordli SFO", "Sørli skole"):
        assert unit in text
    assert "Lia barnehage" not in text
    # The staff and leadership cases of its units are linked; the others are counted, never linked.
    links = set(re.findall(r'href="/saker/([^"#]+)"', r.text))
    assert links == {web.case("S"), web.case("L")}
    assert "Ansatt mistenkt" in text and "Ledelsen mistenkt" in text and "Alvorlig" in text
    # Nordli skole: A, S and L are open (one serious, two with staff or leadership suspected).
    row = re.search(r"<th scope=\"row\">Nordli skole</th>(.*?)</tr>", r.text, re.S)
    assert row is not None
    cells = re.findall(r'data-label="([^"]+)">(?:<span class="overdue">)?(\d+)', row.group(1))
    figures = dict(cells)
    assert figures["Åpne saker"] == "3" and figures["Alvorlige"] == "1"
    assert figures["Ansatt eller ledelse mistenkt"] == "2"


def test_findings_per_duty_have_a_chart_and_the_same_numbers_in_a_table(web: WebServer) -> None:
    r = web.login("owner1").get("/eier")
    svg = re.search(r"<svg[^>]*>", r.text)
    assert svg is not None and 'role="img"' in svg.group(0) and 'aria-labelledby="chart-title chart-desc"' in svg.group(0)
    assert '<title id="chart-title">' in r.text and "style=" not in r.text.split("<svg", 1)[1].split("</svg>")[0]
    table = r.text.split('<table class="numbers">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*((?:<td class="num">\d+</td>\s*)+)', table)
    assert len(rows) == 10  # every duty of the law
    labels = [label for label, _ in rows]
    assert "Høre eleven og vurdere elevens beste" in labels and "Skriftlig plan" in labels
    # Every case is judged on every duty: each column sums to no more than the four cases.
    for _label, cells in rows:
        assert sum(int(n) for n in re.findall(r">(\d+)<", cells)) <= 4
    assert 'scope="col"' in table


def test_the_read_log_shows_who_read_which_case(web: WebServer) -> None:
    a = web.case("A")
    got = httpx.get(f"{web.url}/api/cases/{a}", headers=web.world.headers("principal1"))
    assert got.status_code == 200
    r = web.login("owner1").get("/eier")
    log = r.text.split('id="reads-title"', 1)[1]
    text = text_of(log)
    assert "principal1" in text and a in text and "Åpnet saken" in text
    # The owner may read the log of case A but not open case A: its id is not a link.
    assert f'href="/saker/{a}"' not in log
    # The other owner's log is not there.
    x = web.case("X")
    httpx.get(f"{web.url}/api/cases/{x}", headers=web.world.headers("owner2"))
    assert x not in text_of(web.login("owner1").get("/eier").text)


def test_the_other_owner_sees_only_its_own(web: WebServer) -> None:
    r = web.login("owner2").get("/eier")
    text = text_of(r.text)
    assert r.status_code == 200 and "Lia barnehage" in text and "Nordli skole" not in text
    assert set(re.findall(r'href="/saker/([^"#]+)"', r.text)) == {web.case("X")}
    # A kindergarten owner reads the kindergarten words of the duties.
    assert "Høre barnet og vurdere barnets beste" in text


def test_other_roles_do_not_get_the_owner_page(web: WebServer) -> None:
    for user in ("staff1", "principal1", "handler1", "auditor1", "admin"):
        r = web.login(user).get("/eier")
        assert r.status_code == 403, user
        assert "Ingen tilgang" in text_of(r.text)
        assert "Eieroversikt" not in text_of(r.text) and "/saker/" not in r.text
    r = web.client().get("/eier")
    assert r.status_code == 303 and r.headers["location"] == "/logg-inn?neste=%2Feier"


def test_the_owner_page_in_nynorsk_and_english(web: WebServer) -> None:
    c = web.login("owner1")
    assert "Eigaroversikt" in text_of(c.get("/eier?lang=nn").text)
    r = c.get("/eier?lang=en")
    assert 'lang="en"' in r.text and "Owner's overview" in text_of(r.text) and "Findings per duty" in text_of(r.text)


def test_the_read_log_pages(web: WebServer) -> None:
    c = web.login("owner1")
    assert c.get("/eier?lesinger=50").status_code == 200
    assert c.get("/eier?lesinger=-3").status_code == 200
    assert c.get("/eier?lesinger=x" * 3).status_code == 200
