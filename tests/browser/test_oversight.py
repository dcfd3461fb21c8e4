"""The owner's, the auditor's and the administrator's pages as a person uses them in Chromium: the
owner follows a serious case from the overview; the auditor chooses a unit and a period, drills down
into a duty, opens a case from it and downloads the report; the administrator adds a user who then
logs in."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from docx import Document

from actionloop.demo import DEMO_PASSWORD

from .support import login, logout, screenshot

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_the_owner_follows_a_serious_case_from_the_overview(page: Page, demo_server: dict[str, Any]) -> None:
    base = demo_server["url"]
    login(page, base, "eier", DEMO_PASSWORD)
    assert page.url.endswith("/eier")
    chart = page.locator("svg.chart")
    assert chart.get_attribute("role") == "img" and chart.locator("title").first.text_content()
    cases = page.locator('section[aria-labelledby="cases-title"]')
    assert "Ledelsen mistenkt" in cases.inner_text()
    cases.locator('a[href="/saker/demo-solbakken-ledelse"]').click()
    page.wait_for_url(re.compile("/saker/demo-solbakken-ledelse"))
    assert "demo-solbakken-ledelse" in page.locator("h1").inner_text()
    page.go_back()
    page.reload()
    reads = page.locator('section[aria-labelledby="reads-title"]').inner_text()
    assert "eier" in reads and "demo-solbakken-ledelse" in reads and "Åpnet saken" in reads


def test_the_auditor_drills_down_and_downloads_the_report(page: Page, demo_server: dict[str, Any],
                                                          tmp_path: Path) -> None:
    base = demo_server["url"]
    login(page, base, "tilsyn", DEMO_PASSWORD)
    assert page.url.endswith("/tilsyn")
    page.select_option("#enhet", "demo-nordli")
    page.fill("#fra", "01.01.2020")
    page.get_by_role("button", name="Vis funn").click()
    page.wait_for_url(re.compile(r"enhet=demo-nordli"))
    assert "Funn for Nordli skole (demo)" in page.locator("main").inner_text()
    # Drill down into a duty from the table.
    page.locator("table.numbers a", has_text="Skriftlig plan").click()
    page.wait_for_url(re.compile(r"plikt=written_plan"))
    drill = page.locator("section.drill")
    assert "Plikten «Skriftlig plan»" in drill.inner_text() and "§ 12-4" in drill.inner_text()
    screenshot(page, "tilsyn-drill-down")
    # From a finding to the event it rests on in the case.
    drill.locator('a[href*="#hendelse-"]').first.click()
    page.wait_for_url(re.compile(r"/saker/[^#]+#hendelse-\d+"))
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{anchor}").is_visible()
    page.go_back()
    with page.expect_download() as info:
        page.locator('a[href^="/tilsyn/rapport"]').click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    doc = Document(io.BytesIO(path.read_bytes()))
    words = " ".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert "demo-nordli-4" in words


def test_the_administrator_adds_a_user_who_logs_in(page: Page, demo_server: dict[str, Any]) -> None:
    base = demo_server["url"]
    login(page, base, "admin", DEMO_PASSWORD)
    page.fill("#username", "vikar.nordli")
    page.fill("#password", "vikar-passord-1")
    page.fill("#password2", "vikar-passord-2")
    page.select_option("#role", "staff")
    page.select_option("#scope", "demo-nordli")
    page.get_by_role("button", name="Legg til", exact=True).click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert "Passordene er ikke like." in summary.inner_text()
    summary.locator('a[href="#password2"]').click()
    assert page.evaluate("document.activeElement.id") == "password2"
    assert page.input_value("#username") == "vikar.nordli"
    page.fill("#password", "vikar-passord-1")
    page.fill("#password2", "vikar-passord-1")
    page.get_by_role("button", name="Legg til", exact=True).click()
    page.wait_for_url(re.compile(r"lagt_til="))
    assert "Brukeren vikar.nordli er lagt til." in page.locator("main").inner_text()
    logout(page)
    login(page, base, "vikar.nordli", "vikar-passord-1")
    assert page.url.endswith("/mine")
