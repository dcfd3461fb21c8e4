"""The browser harness itself: Debian's Chromium starts through Playwright, axe-core is injected
from the pinned package and tells a broken page from a sound one, and screenshots are written."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .support import BLOCKING_IMPACTS, SCREENSHOTS, axe_violations, screenshot

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SOUND = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Prøve</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><a href="#main">Hopp til innholdet</a></header><main id="main"><h1>Prøve</h1>
<form><label for="n">Navn</label><input id="n" name="n"><button>Send</button></form></main></body></html>"""

BROKEN = """<!doctype html><html><head><title>Prøve</title></head><body>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input name="x">
<p style="color:#bbb;background:#fff">Lys grå tekst</p></body></html>"""


def test_axe_passes_a_sound_page_and_catches_a_broken_one(page: Page) -> None:
    page.set_content(SOUND)
    assert [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS] == []
    page.set_content(BROKEN)
    found = {v["id"] for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS}
    assert {"image-alt", "label", "html-has-lang", "color-contrast"} <= found


def test_screenshots_at_phone_and_desktop_width(page: Page) -> None:
    page.set_content(SOUND)
    paths = screenshot(page, "harness")
    assert [p.name for p in paths] == ["harness-phone.png", "harness-desktop.png"]
    assert all(p.parent == SCREENSHOTS and p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in paths)
    assert page.viewport_size == {"width": 360, "height": 740}
