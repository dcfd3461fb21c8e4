"""Fixtures for the browser tests: the app with the demo municipality on a real uvicorn socket, and
Debian's Chromium driven by Playwright. Everything here skips when Chromium or Playwright is missing,
unless ACTIONLOOP_REQUIRE_BROWSER=1 (CI), which makes it fail instead."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from actionloop.api import create_app
from actionloop.core.clock import OSLO, FrozenClock
from actionloop.demo import create_demo
from actionloop.settings import Settings

from .support import CHROMIUM, CHROMIUM_ARGS, need_browser

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


#: The demo's "now": a Wednesday in term time, noon in Oslo. A clock that stands still makes the pages
#: (and their screenshots) the same on every run, whatever the day of the week.
DEMO_NOW = datetime(2025, 11, 12, 12, 0, tzinfo=OSLO)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The app over a fresh SQLite database holding the demo municipality, served on 127.0.0.1."""
    need_browser()
    from api.server import serving

    folder = tmp_path_factory.mktemp("browser")
    settings = Settings(database_url=f"sqlite:///{(folder / 'web.db').as_posix()}", data_dir=folder,
                        session_secret="browser-secret-" + "x" * 32, login_max_failures=50)
    app = create_app(settings, clock=FrozenClock(DEMO_NOW))
    report = create_demo(app.state.api.services)
    try:
        with serving(app) as base_url:
            yield {"url": base_url, "app": app, "demo": report}
    finally:
        app.state.api.close()


@pytest.fixture
def context(chromium: Browser, tmp_path: Path) -> Iterator[BrowserContext]:
    """A fresh browser profile (no cookies) at phone width, accepting downloads."""
    ctx = chromium.new_context(viewport={"width": 360, "height": 740}, accept_downloads=True, locale="nb-NO")
    ctx.set_default_timeout(15_000)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
