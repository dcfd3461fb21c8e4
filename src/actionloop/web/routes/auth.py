"""Logging in and out, and ``/`` (the user's first page, by role)."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from actionloop.api.state import SESSION_COOKIE
from actionloop.app.errors import LoginRateLimited, LoginRefused
from actionloop.web.deps import FormDep, LangDep, OptionalUserDep, StateDep, home_of
from actionloop.web.i18n import t
from actionloop.web.render import redirect, render

router = APIRouter()



def safe_next(value: object) -> str | None:
    """``value`` if it is a path on this site to go to after logging in; None otherwise (no
    redirects to other sites: ``//host``, ``/\\host``, schemes, control characters)."""
    if not isinstance(value, str) or not value.startswith("/") or len(value) > 500:
        return None
    if value.startswith(("//", "/\\")) or any(ord(c) < 32 or c == "\\" for c in value):
        return None
    if value.startswith(("/logg-inn", "/logg-ut")):
        return None
    return value


@router.get("/")
async def front(user: OptionalUserDep, request: Request) -> Response:
    if user is None:
        return redirect(request, "/logg-inn")
    return redirect(request, user.home)


@router.get("/logg-inn")
async def login_page(request: Request, user: OptionalUserDep) -> Response:
    next_url = safe_next(request.query_params.get("neste"))
    if user is not None and "ut" not in request.query_params:
        return redirect(request, next_url or user.home)
    notice = "logged_out" if "ut" in request.query_params else "session_needed" if next_url else None
    return render(request, "login.html", {"next_url": next_url, "username": "", "error": None, "notice": notice})


@router.post("/logg-inn")
async def login(request: Request, form: FormDep, state: StateDep, lang: LangDep) -> Response:
    username = str(form.get("username", "")).strip()[:100]
    password = str(form.get("password", ""))[:1024]
    next_url = safe_next(form.get("neste"))
    context = {"next_url": next_url, "username": username, "notice": None}
    if not username or not password:
        return render(request, "login.html", {**context, "error": t("login_missing", lang)}, status=400)
    try:
        identity = await run_in_threadpool(state.services.accounts.check_login, username, password)
    except LoginRateLimited as exc:
        minutes = max(1, math.ceil(exc.retry_after / 60))
        return render(request, "login.html", {**context, "error": t("login_limited", lang, minutes=minutes)},
                      status=429, headers={"Retry-After": str(exc.retry_after)})
    except LoginRefused:
        return render(request, "login.html", {**context, "error": t("login_failed", lang)}, status=401)
    response = redirect(request, next_url or home_of(identity))
    state.start_session(response, identity)
    return response


@router.post("/logg-ut")
async def logout(request: Request, form: FormDep, state: StateDep) -> Response:
    found = state.sessions.read(request.cookies.get(SESSION_COOKIE, ""))
    if found is not None:
        await run_in_threadpool(state.end_session, found)  # this cookie, and any copy of it, is refused from now on
    response = redirect(request, "/logg-inn?ut=1")
    state.drop_session_cookie(response)
    return response
