"""The dependencies every route shares, as ``Annotated`` aliases: the app's state, the request's
language, and the signed-in account with its access rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from annotated_types import Ge, Le
from fastapi import Depends, Header, Query, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from actionloop.api.dates import FIRST_DAY, LAST_DAY
from actionloop.api.errors import ApiError, not_found_case
from actionloop.api.i18n import negotiate
from actionloop.api.state import SESSION_COOKIE, ApiState
from actionloop.app.access import Access, Level
from actionloop.app.accounts import Identity
from actionloop.app.errors import CaseNotFound
from actionloop.app.ports import CaseSummary

_cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="Økten fra POST /api/login.")
_bearer = HTTPBearer(auto_error=False, description="En personlig API-nøkkel (alt_…).")


async def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.api
    return state


async def get_lang(
    request: Request,
    lang: Annotated[str | None, Query(
        description="Språk for meldinger: nb (standard), nn eller en. Ellers gjelder Accept-Language.",
    )] = None,
) -> str:
    return negotiate(request)


StateDep = Annotated[ApiState, Depends(get_state)]
LangDep = Annotated[str, Depends(get_lang)]


async def get_identity(
    request: Request,
    state: StateDep,
    session: Annotated[str | None, Depends(_cookie)] = None,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None,
) -> Identity:
    """The account behind the request: a bearer token if one is sent, else the session cookie.
    What was read recently about the account comes from memory; otherwise it is read from the
    database in the thread pool (never on the event loop)."""
    identity: Identity | None = None
    if bearer is not None:
        token = bearer.credentials.strip()
        identity = state.cached_token_identity(token) or await run_in_threadpool(state.token_identity, token)
        if identity is None:
            raise ApiError(401, "bad_token", headers={"WWW-Authenticate": "Bearer"})
    elif request.headers.get("authorization"):
        raise ApiError(401, "bad_token", headers={"WWW-Authenticate": "Bearer"})
    elif session:
        identity = await state.session_identity(session)
    if identity is None or not identity.active:
        raise ApiError(401, "not_authenticated", headers={"WWW-Authenticate": "Bearer"})
    request.state.account_id = identity.account_id
    return identity


IdentityDep = Annotated[Identity, Depends(get_identity)]


async def get_access(state: StateDep, identity: IdentityDep) -> Access:
    org = state.org.fresh()
    if org is None:
        org = await run_in_threadpool(state.org.get)
    return state.access.get(identity, org.view)


AccessDep = Annotated[Access, Depends(get_access)]


@dataclass(frozen=True, slots=True)
class Caller:
    """What a write route needs about its request: the app's state, the caller's access rules and
    the language of the messages."""

    state: ApiState
    access: Access
    lang: str


async def get_caller(
    request: Request,
    session: Annotated[str | None, Depends(_cookie)] = None,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None,
    lang: Annotated[str | None, Query(
        description="Språk for meldinger: nb (standard), nn eller en. Ellers gjelder Accept-Language.",
    )] = None,
) -> Caller:
    """:data:`StateDep`, :data:`AccessDep` and :data:`LangDep` as one dependency (the same checks
    and answers, and the same parameters in the API's description): each dependency FastAPI
    solves costs about as much as the work in these, on the busiest routes."""
    state = await get_state(request)
    identity = await get_identity(request, state, session, bearer)
    return Caller(state, await get_access(state, identity), negotiate(request))


CallerDep = Annotated[Caller, Depends(get_caller)]

Day = Annotated[date, Ge(FIRST_DAY), Le(LAST_DAY)]

IdempotencyKey = Annotated[str | None, Header(
    alias="Idempotency-Key", min_length=1, max_length=200,
    description="En nøkkel du velger for denne skrivingen. Sendes samme forespørsel på nytt med samme "
                "nøkkel, får du det første svaret, og ingenting legges til.",
)]


def visible_case(state: ApiState, access: Access, case_id: str) -> tuple[CaseSummary, Level]:
    """The case's summary and how far the caller may go with it; 404 if it does not exist or the
    caller may not see it (the same answer both ways)."""
    try:
        summary = state.services.cases.summary(case_id)
    except CaseNotFound:
        raise not_found_case(case_id) from None
    level = access.case_level(summary, state.performers)
    if level == Level.NONE:
        raise not_found_case(case_id)
    return summary, level
