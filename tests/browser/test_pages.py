"""axe-core on every page at phone and desktop width — no serious or critical violation — with a
screenshot of each, and nothing on a phone that needs sideways scrolling."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from actionloop.demo import DEMO_PASSWORD

from .support import VIEWPORTS, assert_accessible, describe, login, no_horizontal_scroll, screenshot

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

#: (screenshot name, who is logged in (None: nobody), path).
PAGES: list[tuple[str, str | None, str]] = [
    ("login", None, "/logg-inn"),
    ("login-needed", None, "/logg-inn?neste=%2Feier"),
    ("meld", "laerer.nordli", "/meld"),
    ("receipt", "laerer.nordli", "/meld/kvittering/demo-nordli-1"),
    ("mine", "laerer.nordli", "/mine"),
    ("oversikt", "rektor.nordli", "/oversikt"),
    ("case-new", "rektor.nordli", "/saker/demo-nordli-2"),
    ("case-plan", "rektor.nordli", "/saker/demo-nordli-4"),
    ("case-closed", "rektor.nordli", "/saker/demo-nordli-5"),
    ("case-staff-reader", "laerer.nordli", "/saker/demo-nordli-3"),
    ("eier", "eier", "/eier"),
    ("tilsyn-form", "tilsyn", "/tilsyn"),
    ("tilsyn", "tilsyn", "/tilsyn?enhet=owner%3Ademo-kommune&plikt=hear_child"),
    ("tilsyn-errors", "tilsyn", "/tilsyn?enhet=nowhere&fra=99.99.2025"),
    ("admin", "admin", "/admin"),
    ("not-found", "laerer2.nordli", "/saker/demo-nordli-ansatt"),
    ("forbidden", "laerer2.nordli", "/eier"),
    # The other two languages.
    ("meld-nn", "laerer.nordli", "/meld?lang=nn"),
    ("case-en", "rektor.nordli", "/saker/demo-nordli-4?lang=en"),
    ("eier-en", "eier", "/eier?lang=en"),
    ("tilsyn-nn", "tilsyn", "/tilsyn?enhet=demo-lia&lang=nn"),
]


@pytest.mark.parametrize(("name", "user", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_every_page_passes_axe_at_phone_and_desktop_width(
    page: Page, demo_server: dict[str, Any], name: str, user: str | None, path: str,
) -> None:
    base = demo_server["url"]
    if user is not None:
        login(page, base, user, DEMO_PASSWORD)
    response = page.goto(base + path)
    assert response is not None and response.status in (200, 400, 403, 404), (path, response and response.status)
    if name == "tilsyn":
        page.locator("details.case-findings").first.locator("summary").click()  # one case opened
    minor: list[dict[str, Any]] = []
    for label, width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        minor += assert_accessible(page, f"{name} at {label} width")
        if label == "phone":
            assert no_horizontal_scroll(page), f"{name} scrolls sideways on a phone"
    screenshot(page, name)
    if minor:
        print(f"{name}: lesser axe findings:\n{describe(minor)}")


def test_the_admin_form_with_errors_passes_axe(page: Page, demo_server: dict[str, Any]) -> None:
    base = demo_server["url"]
    login(page, base, "admin", DEMO_PASSWORD)
    page.goto(base + "/admin")
    page.fill("#username", "X")
    page.fill("#password", "kort")
    page.locator("form[action^='/admin/brukere'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "Skjemaet har feil" in page.locator("main").inner_text()
    for label, width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page, f"admin form with errors at {label} width")
    screenshot(page, "admin-errors")
    page.goto(base + "/admin")
    page.locator("a[href^='/admin/brukere/']").first.click()
    page.wait_for_load_state()
    for label, width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page, f"admin user page at {label} width")
        if label == "phone":
            assert no_horizontal_scroll(page)
    screenshot(page, "admin-user")


def test_the_child_search_on_meld_passes_axe_and_keeps_the_name_out_of_the_address(
    page: Page, demo_server: dict[str, Any],
) -> None:
    base = demo_server["url"]
    login(page, base, "laerer.nordli", DEMO_PASSWORD)
    page.goto(base + "/meld")
    page.fill("#sok", "Emma")
    page.locator("form[action='/meld/sok'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "Emma" not in page.url
    assert "passer søket «Emma»" in page.locator("main").inner_text()
    for label, width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page, f"Meld frå search at {label} width")
        if label == "phone":
            assert no_horizontal_scroll(page), "Meld frå search scrolls sideways on a phone"
    screenshot(page, "meld-search")


def test_the_meld_form_with_errors_passes_axe(page: Page, demo_server: dict[str, Any]) -> None:
    base = demo_server["url"]
    login(page, base, "laerer.nordli", DEMO_PASSWORD)
    page.goto(base + "/meld")
    page.locator("form[method=post][action='/meld'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "Skjemaet har feil" in page.locator("main").inner_text()
    for label, width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page, f"Meld frå with errors at {label} width")
    screenshot(page, "meld-errors")
