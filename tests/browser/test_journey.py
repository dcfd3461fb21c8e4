"""The whole journey through the real pages in Chromium: a teacher reports a concern with Meld frå,
the principal opens the case, investigates, hears the child, concludes, writes the plan, downloads
it as Word, evaluates and closes. And a report where a member of staff is suspected, which the
suspect cannot see."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from docx import Document

from actionloop.demo import DEMO_PASSWORD

from .support import login, logout, no_horizontal_scroll, screenshot

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.browser

MEASURE = "En voksen er ute i hvert friminutt og følger med på leken der Sara er."


def report(page: Page, base: str, child_prefix: str, **choices: str) -> str:
    """Fill in and send Meld frå; the id of the new case (from the receipt's address)."""
    page.goto(base + "/meld")
    values = page.locator("#barn option").evaluate_all("(os) => os.map(o => o.value)")
    child = next(v for v in values if v.startswith(child_prefix))
    page.select_option("#barn", child)
    page.fill("#hva", choices.pop("hva"))
    for name, value in choices.items():
        if name == "tiltak":
            page.fill("#tiltak", value)
        else:
            page.locator(f'input[name="{name}"][value="{value}"]').check()
    page.get_by_role("button", name=re.compile("Send")).click()
    page.wait_for_url(re.compile(r"/meld/kvittering/"))
    return page.url.rsplit("/", 1)[-1]


def step_form(page: Page, trigger: str) -> Locator:
    """The form of a step on the case page, its <details> opened (as a person clicks it open)."""
    block = page.locator(f"details#steg-{trigger}")
    assert block.count() == 1, f"no open step {trigger} on {page.url}"
    if block.get_attribute("open") is None:
        block.locator("summary").click()
    return block.locator("form")


def save_step(page: Page, case_id: str, trigger: str, fill: dict[str, Any]) -> None:
    form = step_form(page, trigger)
    for name, value in fill.items():
        field = form.locator(f'[name="{name}"]')
        kind = field.first.evaluate("(e) => e.tagName.toLowerCase() + ':' + (e.type || '')")
        if kind == "input:radio":
            form.locator(f'input[name="{name}"][value="{value}"]').check()
        elif kind.startswith("select"):
            if value is None:  # the first real choice
                value = field.locator("option").nth(1).get_attribute("value")
            field.select_option(value)
        else:
            field.fill(value)
    form.locator('button[name="action"][value="save"]').click()
    page.wait_for_load_state()
    assert f"lagret={trigger}" in page.url, f"{trigger} was not saved: {page.locator('main').inner_text()[:1500]}"


def current_step(page: Page) -> str:
    return page.locator("main").inner_text()


def test_the_whole_journey_from_meld_fra_to_a_closed_case(page: Page, demo_server: dict[str, Any],
                                                          tmp_path: Path) -> None:
    base = demo_server["url"]
    # The teacher reports.
    login(page, base, "laerer.nordli", DEMO_PASSWORD)
    case_id = report(page, base, "n-barn3@", hva="Sara sier at ingen vil være med henne i friminuttene.",
                     kilde="child_said", hvem="child", grep_inn="nei", alvorlig="nei")
    receipt = page.locator("main").inner_text()
    assert "Randi Rektorsen" in receipt and case_id in receipt
    assert no_horizontal_scroll(page)
    screenshot(page, "journey-1-receipt")
    logout(page)

    # The principal finds it in the overview and opens it.
    login(page, base, "rektor.nordli", DEMO_PASSWORD)
    page.goto(base + "/oversikt")
    link = page.locator(f'a[href="/saker/{case_id}"]').first
    assert link.count() == 1, "the new case is not on the principal's overview"
    link.click()
    page.wait_for_url(re.compile(f"/saker/{re.escape(case_id)}"))
    assert "Meldt til rektor" in current_step(page)
    screenshot(page, "journey-2-case-new")

    save_step(page, case_id, "investigation_started", {})
    save_step(page, case_id, "child_heard", {"child_view": "not_safe",
                                             "text": "«Jeg går alene i friminuttene, ingen vil leke med meg.»"})
    save_step(page, case_id, "investigation_concluded", {
        "conclusion": "not_safe",
        "problem": "Sara blir holdt utenfor leken i friminuttene av en gruppe på trinnet, og ingen voksne er der.",
        "text": "Samtaler med Sara, foresatte og kontaktlærer bekrefter det."})

    today = date.fromisoformat(page.locator('input[name="at_date"]').first.input_value())
    save_step(page, case_id, "plan", {
        "m0_text": MEASURE, "m0_from": today.isoformat(), "m0_to": (today + timedelta(days=21)).isoformat(),
        "m0_who": None, "m0_target": "group", "eval0": today.isoformat(),
        "child_views": "Sara vil at en voksen skal være ute.",
        "best_interests": "Det beste for Sara er å få være med i leken og at det skjer raskt.",
    })
    text = current_step(page)
    assert "Tiltak pågår etter plan" in text and MEASURE in text
    screenshot(page, "journey-3-case-plan")

    # The plan as Word: a .docx with the plan's text in it.
    with page.expect_download() as info:
        page.locator(f'a[href="/saker/{case_id}/dokument/plan"]').click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    doc = Document(io.BytesIO(path.read_bytes()))
    words = " ".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert MEASURE in words and "holdt utenfor leken i friminuttene" in words

    save_step(page, case_id, "evaluation", {"child_view": "safe", "outcome": "close",
                                            "text": "Sara sier at hun har noen å være med nå."})
    save_step(page, case_id, "closed", {"child_view": "safe", "text": "Tiltakene virket; Sara har det trygt og godt."})
    text = current_step(page)
    assert "Avsluttet" in text
    assert no_horizontal_scroll(page)
    screenshot(page, "journey-4-case-closed")
    state = demo_server["app"].state.api.services.cases.summary(case_id)
    assert state.closed_date is not None


def test_a_staff_offender_report_is_hidden_from_the_suspect(page: Page, demo_server: dict[str, Any]) -> None:
    base = demo_server["url"]
    login(page, base, "laerer.nordli", DEMO_PASSWORD)
    case_id = report(page, base, "n-barn5@", hva="Så at en voksen dro Ella hardt i armen i garderoben.",
                     kilde="observed", hvem="staff", grep_inn="ja", tiltak="Jeg gikk imellom.", alvorlig="ja")
    receipt = page.locator("main").inner_text()
    assert "Randi Rektorsen" in receipt and "kan ikke se den" in receipt
    screenshot(page, "staff-report-receipt")
    logout(page)

    # The suspect is another member of staff at the school: the case does not exist for them.
    login(page, base, "laerer2.nordli", DEMO_PASSWORD)
    for path in (f"/saker/{case_id}", f"/meld/kvittering/{case_id}"):
        response = page.goto(base + path)
        assert response is not None and response.status == 404, path
        assert "Siden finnes ikke" in page.locator("main").inner_text()
    screenshot(page, "staff-report-404-for-suspect")
    page.goto(base + "/mine")
    assert case_id not in page.content()
    logout(page)

    # The principal and the owner have it.
    login(page, base, "rektor.nordli", DEMO_PASSWORD)
    response = page.goto(base + f"/saker/{case_id}")
    assert response is not None and response.status == 200
    logout(page)
    login(page, base, "eier", DEMO_PASSWORD)
    page.goto(base + "/eier")
    assert page.locator(f'section[aria-labelledby="cases-title"] a[href="/saker/{case_id}"]').count() == 1
    # ... and the read log tells the owner that the principal has opened it.
    reads = page.locator('section[aria-labelledby="reads-title"]').inner_text()
    assert "rektor.nordli" in reads and case_id in reads
