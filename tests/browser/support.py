"""What the browser tests share: launching Debian's Chromium through Playwright (never a browser
Playwright downloads), axe-core from a pinned PyPI package (no download at test time), screenshots
at phone and desktop width, and logging in through the real login page."""

from __future__ import annotations

import os
import re
import shutil
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: Debian's Chromium (``apt-get install chromium``); ACTIONLOOP_CHROMIUM overrides.
CHROMIUM = os.environ.get("ACTIONLOOP_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
#: (name, width, height): a small phone and a PC.
VIEWPORTS = (("phone", 360, 740), ("desktop", 1280, 900))
SCREENSHOTS = Path(__file__).resolve().parents[1] / "_artifacts" / "screenshots"
#: axe-core impacts that fail a test.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})


def browser_required() -> bool:
    return os.environ.get("ACTIONLOOP_REQUIRE_BROWSER") == "1"


def browser_problem() -> str | None:
    """Why the browser tests cannot run here (None if they can)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    try:
        axe_script()
    except (ImportError, FileNotFoundError):
        return "axe-core (the axe-playwright-python package) is not installed (pip install -e '.[dev]')"
    path = shutil.which(CHROMIUM) if not os.path.isabs(CHROMIUM) else (CHROMIUM if os.access(CHROMIUM, os.X_OK) else None)
    if path is None:
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    return None


def need_browser() -> None:
    """Skip (or, with ACTIONLOOP_REQUIRE_BROWSER=1, fail) when Chromium or Playwright is missing."""
    problem = browser_problem()
    if problem is None:
        return
    if browser_required():
        pytest.fail(problem + " and ACTIONLOOP_REQUIRE_BROWSER=1")
    pytest.skip(problem)


@cache
def axe_script() -> str:
    """axe.min.js as the axe-playwright-python package ships it (axe-core, MPL-2.0)."""
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Every axe-core violation on the page as it is now (WCAG 2.0/2.1 A and AA rules and best
    practices), each with its impact, rule id, help text and the offending elements."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the pages' CSP (no inline script) stays on.
        page.evaluate(axe_script())
    result: dict[str, Any] = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
            resultTypes: ['violations'],
        })"""
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                            for n in v["nodes"][:5])
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} — {targets}")
    return "\n".join(lines)


def assert_accessible(page: Page, what: str) -> list[dict[str, Any]]:
    """Fail on any serious or critical axe violation; returns the lesser ones (for reporting)."""
    violations = axe_violations(page)
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, f"axe found serious/critical violations on {what} ({page.url}):\n{describe(blocking)}"
    return violations


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


def screenshot(page: Page, name: str) -> list[Path]:
    """Full-page screenshots of the page at phone and desktop width (the viewport is restored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    before = page.viewport_size
    saved = []
    for label, width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        path = SCREENSHOTS / f"{slug(name)}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)
    if before is not None:
        page.set_viewport_size(before)
    return saved


def no_horizontal_scroll(page: Page) -> bool:
    """Whether the page fits its width (nothing forces sideways scrolling on a phone)."""
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1"))


def login(page: Page, base_url: str, username: str, password: str) -> None:
    """Log in through the login page, as a person would."""
    page.goto(base_url + "/logg-inn")
    page.fill("#username", username)
    page.fill("#password", password)
    page.get_by_role("button", name=re.compile("Logg inn|Log in")).click()
    page.wait_for_load_state()
    assert "/logg-inn" not in page.url, f"login as {username} failed: {page.url}"


def logout(page: Page) -> None:
    page.locator("form.logout button").click()
    page.wait_for_load_state()
