"""Fixtures for the web page tests: the app over :mod:`tests.api.world` (a frozen clock, one account
per role, five cases that exercise every access rule) on a real uvicorn socket, and clients that
log in as a role and carry the CSRF token.

    def test_something(web: WebServer) -> None:
        page = web.login("principal1")          # a WebClient with the session cookie
        r = page.get("/oversikt")
        r = page.post("/meld", {"child": "k1", ...})   # the CSRF token is added for you
        r = page.post("/meld", {...}, csrf=None)       # ... or left out (expect 403)

Tests share one server per test session: write only what no other test looks for (report a new
concern rather than change a world case), or use ``fresh_web`` for a server of your own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from actionloop.api import create_app
from actionloop.settings import Settings
from api.server import serving
from api.world import PASSWORD, World, build_world, frozen_clock

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_UNSET: Any = object()


def csrf_of(page: str) -> str:
    """The CSRF token in a page's forms."""
    found = _CSRF.search(page)
    assert found, "no CSRF token on the page"
    return html.unescape(found.group(1))


def text_of(page: str) -> str:
    """A page's visible text, roughly (tags removed, entities decoded, spaces collapsed)."""
    body = re.sub(r"(?s)<(script|style)[^>]*>.*?</\1>", " ", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


class WebClient:
    """An HTTP client for the pages (cookies kept, redirects not followed unless asked)."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, follow_redirects=False, timeout=30)

    def close(self) -> None:
        self.http.close()

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(path, **kwargs)

    def csrf(self) -> str:
        """The CSRF token for this client's cookies (read from a page, as a browser would)."""
        return csrf_of(self.http.get("/logg-inn?ut=1").text)

    def post(self, path: str, data: Mapping[str, Any] | list[tuple[str, str]] | None = None, *,
             csrf: str | None = _UNSET, follow: bool = False) -> httpx.Response:
        """POST a form; ``csrf``: the token to send (default: the right one; None: none)."""
        fields: list[tuple[str, str]] = list(data.items()) if isinstance(data, Mapping) else list(data or [])
        token = self.csrf() if csrf is _UNSET else csrf
        if token is not None:
            fields.append(("csrf", token))
        form: dict[str, list[str]] = {}
        for name, value in fields:
            form.setdefault(name, []).append(str(value))
        return self.http.post(path, data=form, follow_redirects=follow)

    def login(self, username: str, password: str = PASSWORD) -> httpx.Response:
        return self.post("/logg-inn", {"username": username, "password": password})


@dataclass
class WebServer:
    url: str
    app: FastAPI
    world: World
    clients: list[WebClient] = field(default_factory=list)

    def client(self) -> WebClient:
        c = WebClient(self.url)
        self.clients.append(c)
        return c

    def login(self, username: str) -> WebClient:
        """A client logged in as ``username`` (an account of :mod:`tests.api.world`)."""
        c = self.client()
        r = c.login(username)
        assert r.status_code == 303, (r.status_code, text_of(r.text)[:500])
        return c

    def case(self, letter: str) -> str:
        """The id of a world case (A, S, L, B, X)."""
        return self.world.case_ids[letter]


def make_web_app(folder: Path, **settings: Any) -> tuple[FastAPI, World]:
    config = Settings(database_url=f"sqlite:///{(folder / 'web.db').as_posix()}", data_dir=folder,
                      session_secret="web-secret-" + "x" * 32, **{"login_max_failures": 50, **settings})
    app = create_app(config, clock=frozen_clock())
    return app, build_world(app.state.api.services)


def _serve(folder: Path, **settings: Any) -> Iterator[WebServer]:
    app, world = make_web_app(folder, **settings)
    try:
        with serving(app) as url:
            server = WebServer(url, app, world)
            try:
                yield server
            finally:
                for c in server.clients:
                    c.close()
    finally:
        app.state.api.close()


@pytest.fixture(scope="session")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """One server for the session's web tests (see the module's docstring)."""
    yield from _serve(tmp_path_factory.mktemp("web"))


@pytest.fixture
def fresh_web(tmp_path: Path) -> Iterator[WebServer]:
    """A server of the test's own (3 failed logins allowed per user name)."""
    yield from _serve(tmp_path, login_max_failures=3)
