"""Adding the web pages to the API's app: the page routers, the static files at ``/static``,
and error pages in HTML for every address outside ``/api`` (which keeps its JSON errors)."""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from actionloop.api.errors import ApiError
from actionloop.api.state import session_secret
from actionloop.app.errors import CaseNotFound, NotFound, ServiceError
from actionloop.web.deps import CsrfRefused, Forbidden, LoginRequired
from actionloop.web.render import environment, redirect, render, template_dir
from actionloop.web.routes import routers

log = logging.getLogger("actionloop.web")

Handler = Callable[[Request, Exception], Response | Awaitable[Response]]


@dataclass(frozen=True, slots=True)
class WebState:
    #: The key of the CSRF tokens (derived from the session secret).
    csrf_key: bytes
    #: case id -> child id (a case's child never changes; read once per case, for the lists).
    child_ids: dict[str, str] = field(default_factory=dict)
    #: The overview's rows of HTML, by what they show (see ``routes/overview.py``).
    row_html: dict[tuple[object, ...], str] = field(default_factory=dict)


def is_page(request: Request) -> bool:
    """Whether the request is for a page (not the JSON API, which keeps its own errors)."""
    path = request.url.path
    return not (path == "/api" or path.startswith("/api/") or path in ("/docs", "/redoc", "/openapi.json"))


def error_page(request: Request, status: int) -> Response:
    kind = {403: "forbidden", 404: "not_found"}.get(status, "error")
    return render(request, "error.html", {"status": status, "kind": kind}, status=status)


def _page_or(original: Handler | None, page: Callable[[Request, Exception], Response]) -> Handler:
    """A handler that answers pages with ``page`` and everything else as ``original`` did."""

    async def handler(request: Request, exc: Exception) -> Response:
        if is_page(request) or original is None:
            return page(request, exc)
        result = original(request, exc)
        if isinstance(result, Response):
            return result
        return await result

    return handler


def _login_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    target = "/logg-inn"
    if exc.next_url not in ("", "/"):
        target += "?neste=" + quote(exc.next_url, safe="")
    return redirect(request, target)


def _csrf_refused(request: Request, exc: Exception) -> Response:
    log.info("form refused: CSRF token", extra={"path": request.url.path})
    return render(request, "error.html", {"status": 403, "kind": "csrf"}, status=403)


def _forbidden(request: Request, exc: Exception) -> Response:
    return error_page(request, 403)


def _bad_request(request: Request, exc: Exception) -> Response:
    return error_page(request, 400)


def _http_page(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
    if status == 405:
        status = 404
    return error_page(request, status)


def _api_error_page(request: Request, exc: Exception) -> Response:
    status = exc.status if isinstance(exc, ApiError) else 500
    return error_page(request, status if status in (403, 404) else 400 if status < 500 else 500)


def _service_error_page(request: Request, exc: Exception) -> Response:
    if isinstance(exc, (CaseNotFound, NotFound)):
        return error_page(request, 404)
    log.warning("service error on a page", extra={"exception": type(exc).__name__, "path": request.url.path})
    return error_page(request, 400)


def _unexpected_page(original: Handler | None) -> Handler:
    async def handler(request: Request, exc: Exception) -> Response:
        if original is not None:
            result = original(request, exc)  # logs it (error id, route, exception type; never its text)
            if not isinstance(result, Response):
                result = await result
            if not is_page(request):
                return result
        return error_page(request, 500)

    return handler


def install_web(app: FastAPI) -> None:
    """Add the pages to ``app`` (made by :func:`actionloop.api.app.create_app`)."""
    settings = app.state.api.settings
    secret = session_secret(settings).encode()
    app.state.web = WebState(csrf_key=hmac.new(secret, b"actionloop.web.csrf.v1", hashlib.sha256).digest())
    env = environment()
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)  # every page compiled now (once per process), not on its first view
    for router in routers():
        app.include_router(router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=str(template_dir() / "static")), name="static")

    handlers = app.exception_handlers
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(CsrfRefused, _csrf_refused)
    app.add_exception_handler(Forbidden, _forbidden)
    app.add_exception_handler(StarletteHTTPException, _page_or(handlers.get(StarletteHTTPException), _http_page))
    app.add_exception_handler(ApiError, _page_or(handlers.get(ApiError), _api_error_page))
    app.add_exception_handler(RequestValidationError, _page_or(handlers.get(RequestValidationError), _bad_request))
    app.add_exception_handler(ServiceError, _page_or(handlers.get(ServiceError), _service_error_page))
    app.add_exception_handler(Exception, _unexpected_page(handlers.get(Exception)))
