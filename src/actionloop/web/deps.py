"""What every page needs: the signed-in user (or a redirect to the login page), the page's
language, and the CSRF token that every POST form carries.

CSRF: a random ``actionloop_csrf`` cookie (HttpOnly, SameSite=Strict) is set the first time a page
is shown; the token in a form is an HMAC of that cookie and the session cookie under a key derived
from the session secret. A POST is accepted only when its ``csrf`` field equals the token computed
from the cookies it arrives with: a form from another site, an old form from before logging in, or
a form from another session is refused (403).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from actionloop.api.state import SESSION_COOKIE, ApiState
from actionloop.app.access import Access
from actionloop.app.accounts import Identity
from actionloop.web import i18n

CSRF_COOKIE = "actionloop_csrf"
CSRF_FIELD = "csrf"


class LoginRequired(Exception):
    """No valid session: the page answers with a redirect to the login page."""

    def __init__(self, next_url: str) -> None:
        super().__init__("login required")
        self.next_url = next_url


class CsrfRefused(Exception):
    """A POST without the right CSRF token (answered with a 403 page; nothing is written)."""


class Forbidden(Exception):
    """The role gives no access to the page (answered with a 403 page)."""


def home_of(identity: Identity) -> str:
    """The first page of an account, by its roles."""
    if identity.has("principal") or identity.has("case_handler"):
        return "/oversikt"
    if identity.has("staff"):
        return "/mine"
    if identity.has("owner"):
        return "/eier"
    if identity.has("auditor"):
        return "/tilsyn"
    if identity.has("admin"):
        return "/admin"
    return "/mine"


@dataclass(frozen=True, slots=True)
class WebUser:
    """The signed-in account as the pages use it."""

    identity: Identity
    access: Access
    #: The staff member's name, else the user name.
    name: str
    #: (role, name of the unit or owner it applies to) for each role.
    roles: tuple[tuple[str, str | None], ...]

    @property
    def account_id(self) -> int:
        return self.identity.account_id

    @property
    def staff_id(self) -> str | None:
        return self.identity.staff_id

    def has_role(self, *roles: str) -> bool:
        return any(r.role in roles for r in self.identity.roles)

    @property
    def may_report(self) -> bool:
        return self.has_role("staff", "principal", "case_handler", "owner")

    @property
    def home(self) -> str:
        """Where ``/`` sends the user."""
        return home_of(self.identity)

    def nav(self) -> list[tuple[str, str]]:
        """(path, word key) of the menu for this user's roles."""
        links: list[tuple[str, str]] = []
        if self.may_report:
            links.append(("/meld", "nav_report"))
        if self.has_role("staff", "principal", "case_handler"):
            links.append(("/mine", "nav_mine"))
        if self.has_role("principal", "case_handler"):
            links.append(("/oversikt", "nav_overview"))
        if self.has_role("owner"):
            links.append(("/eier", "nav_owner"))
        if self.has_role("auditor", "owner"):
            links.append(("/tilsyn", "nav_audit"))
        if self.has_role("admin"):
            links.append(("/admin", "nav_admin"))
        return links


def api_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.api
    return state


async def get_state(request: Request) -> ApiState:
    return api_state(request)


async def get_lang(request: Request) -> str:
    return i18n.language(request)


def _next_url(request: Request) -> str:
    if request.method != "GET":
        return "/"
    path = request.url.path
    return path + ("?" + request.url.query if request.url.query else "")


async def optional_user(request: Request) -> WebUser | None:
    """The signed-in user, or None."""
    cached: WebUser | None = getattr(request.state, "web_user", None)
    if cached is not None:
        return cached
    session = request.cookies.get(SESSION_COOKIE)
    if not session:
        return None
    state = api_state(request)
    identity = await state.session_identity(session)
    if identity is None:
        return None
    org = state.org.fresh()
    if org is None:
        org = await run_in_threadpool(state.org.get)
    roles: list[tuple[str, str | None]] = []
    for r in identity.roles:
        unit = org.view.units.get(r.scope_id)
        owner = org.view.owners.get(r.scope_id)
        roles.append((r.role, unit.name if unit else owner.name if owner else None))
    name = (org.staff_names.get(identity.staff_id) if identity.staff_id else None) or identity.username
    user = WebUser(identity=identity, access=state.access.get(identity, org.view), name=name, roles=tuple(roles))
    request.state.web_user = user
    request.state.account_id = identity.account_id
    return user


async def current_user(request: Request) -> WebUser:
    """The signed-in user; without a valid session the page redirects to ``/logg-inn``."""
    user = await optional_user(request)
    if user is None:
        raise LoginRequired(_next_url(request))
    return user


def require_role(*roles: str) -> Any:
    """A dependency: the signed-in user, who must hold one of ``roles`` (else a 403 page)."""

    async def dependency(request: Request) -> WebUser:
        user = await current_user(request)
        if not user.has_role(*roles):
            raise Forbidden()
        return user

    return Depends(dependency)


# --- CSRF --------------------------------------------------------------------------------------------


def _csrf_key(request: Request) -> bytes:
    key: bytes = request.app.state.web.csrf_key
    return key


def csrf_cookie(request: Request) -> tuple[str, bool]:
    """The request's CSRF cookie value, and whether it is new (then the response must set it)."""
    found = getattr(request.state, "csrf_cookie", None)
    if isinstance(found, tuple):
        return found
    value = request.cookies.get(CSRF_COOKIE, "")
    result = (value, False) if 20 <= len(value) <= 100 else (secrets.token_urlsafe(24), True)
    request.state.csrf_cookie = result
    return result


def csrf_token(request: Request) -> str:
    """The token the request's forms must carry (bound to the CSRF cookie and the session)."""
    cookie, _new = csrf_cookie(request)
    session = request.cookies.get(SESSION_COOKIE, "")
    message = f"{cookie}|{session}".encode()
    return hmac.new(_csrf_key(request), message, hashlib.sha256).hexdigest()[:40]


def csrf_ok(request: Request, sent: object) -> bool:
    _cookie, new = csrf_cookie(request)
    if new or not isinstance(sent, str):
        return False
    return hmac.compare_digest(sent, csrf_token(request))


async def checked_form(request: Request) -> FormData:
    """The POSTed form, after its CSRF token is checked (:class:`CsrfRefused` otherwise)."""
    form = await request.form(max_files=0, max_fields=200)
    if not csrf_ok(request, form.get(CSRF_FIELD)):
        raise CsrfRefused()
    return form


StateDep = Annotated[ApiState, Depends(get_state)]
LangDep = Annotated[str, Depends(get_lang)]
UserDep = Annotated[WebUser, Depends(current_user)]
OptionalUserDep = Annotated[WebUser | None, Depends(optional_user)]
FormDep = Annotated[FormData, Depends(checked_form)]
