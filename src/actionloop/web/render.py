"""Pages from Jinja2 templates (``templates/web/``, autoescaped), with what every page needs:
the language and its words (``t``), the signed-in user and the menu, the CSRF token, and the
security headers. A route answers with ``render(request, "page.html", {...})``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from actionloop.resources import data_dir
from actionloop.web import i18n
from actionloop.web.deps import CSRF_COOKIE, CSRF_FIELD, WebUser, csrf_cookie, csrf_token

#: Headers on every page: no framing, no inline script, no caching of pages with names on them.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def template_dir() -> Any:
    return data_dir("templates") / "web"


def _day(value: date | datetime | str | None) -> str:
    """A date as 23.11.2026 (Norwegian style, also in English pages)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    if isinstance(value, datetime):
        value = value.date()
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


def _when(value: datetime | date | str | None) -> str:
    """A time as 23.11.2026 09.30 (the date alone if there is no time)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        if len(value) <= 10:
            return _day(value)
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    if isinstance(value, datetime):
        return f"{_day(value)} {value.hour:02d}.{value.minute:02d}"
    return _day(value)


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(template_dir())),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        cache_size=200,
    )
    env.filters["day"] = _day
    env.filters["when"] = _when
    return env


def url_with(request: Request, **params: str | None) -> str:
    """The current path with its query, with ``params`` set (None removes one)."""
    query = dict(request.query_params)
    for key, value in params.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return request.url.path + ("?" + urlencode(query) if query else "")


def page_context(request: Request, user: WebUser | None = None) -> dict[str, Any]:
    """What every template gets."""
    lang = i18n.language(request)
    if user is None:
        user = getattr(request.state, "web_user", None)
    token = csrf_token(request)

    def t(key: str, /, **fields: Any) -> str:
        return i18n.t(key, lang, **fields)

    def role_label(role: str, scope: str | None) -> str:
        word = t("role_" + role)
        return f"{word}, {scope}" if scope else word

    return {
        "request": request,
        "lang": lang,
        "t": t,
        "user": user,
        "nav": user.nav() if user is not None else [],
        "role_label": role_label,
        "csrf": token,
        "csrf_field": Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, escape(token)),
        "path": request.url.path,
        "languages": [(code, i18n.LANGUAGE_NAMES[code], url_with(request, lang=code)) for code in i18n.LANGUAGES],
        "url_with": functools.partial(url_with, request),
    }


def finish(request: Request, response: Response) -> Response:
    """Add the security headers and the cookies a page sets (CSRF, chosen language)."""
    response.headers.update(SECURITY_HEADERS)
    cookie, new = csrf_cookie(request)
    if new:
        secure = bool(request.app.state.api.settings.cookie_secure)
        response.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="strict", secure=secure, path="/")
    asked = i18n.asked_language(request)
    if asked is not None and request.cookies.get(i18n.LANG_COOKIE) != asked:
        response.set_cookie(i18n.LANG_COOKIE, asked, max_age=365 * 24 * 3600, samesite="lax", path="/",
                            httponly=True, secure=bool(request.app.state.api.settings.cookie_secure))
    return response


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """The page ``template`` (under ``templates/web/``) with ``context`` and the page context."""
    values = page_context(request)
    if context:
        values.update(context)
    html = environment().get_template(template).render(values)
    response = HTMLResponse(html, status_code=status, headers=dict(headers or {}))
    finish(request, response)
    return response


def redirect(request: Request, url: str, status: int = 303) -> Response:
    """A redirect (303 after a POST: the browser then GETs ``url``)."""
    return finish(request, RedirectResponse(url, status_code=status))


__all__ = ["environment", "page_context", "redirect", "render", "url_with"]
