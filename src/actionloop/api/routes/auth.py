"""Logging in and out, who I am, my API tokens, my units, and a health check."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from actionloop.api.deps import AccessDep, IdentityDep, LangDep, StateDep
from actionloop.api.i18n import message
from actionloop.api.schemas import (
    HealthOut,
    LoginIn,
    MeOut,
    MessageOut,
    NewTokenOut,
    RoleOut,
    TokenIn,
    TokenOut,
    UnitOut,
)
from actionloop.api.state import SESSION_COOKIE, ApiState
from actionloop.app.accounts import Identity

router = APIRouter(prefix="/api")


def _me(state: ApiState, identity: Identity) -> MeOut:
    org = state.org.get()
    roles = []
    for r in identity.roles:
        unit = org.view.units.get(r.scope_id)
        owner = org.view.owners.get(r.scope_id)
        name = unit.name if unit else owner.name if owner else None
        roles.append(RoleOut(role=r.role, scope_id=r.scope_id, scope_name=name))
    staff_name = org.staff_names.get(identity.staff_id) if identity.staff_id else None
    return MeOut(account_id=identity.account_id, username=identity.username, staff_id=identity.staff_id,
                 staff_name=staff_name, roles=roles)


@router.get("/health", tags=["drift"], summary="Svarer når tjenesten kjører")
async def health() -> HealthOut:
    return HealthOut(status="ok")


@router.post(
    "/login", tags=["innlogging"], summary="Logg inn med brukernavn og passord",
    responses={401: {"description": "Feil brukernavn eller passord"}, 429: {"description": "For mange forsøk"}},
)
def login(body: LoginIn, state: StateDep, response: Response) -> MeOut:
    """Gir en signert øktcookie (HttpOnly, SameSite=Lax). Etter flere mislykkede forsøk for samme
    brukernavn avvises innlogging en stund (429 med Retry-After)."""
    identity = state.services.accounts.check_login(body.username, body.password)
    state.start_session(response, identity)
    return _me(state, identity)


@router.post("/logout", tags=["innlogging"], summary="Logg ut (avslutter økten)")
def logout(request: Request, state: StateDep, lang: LangDep, response: Response) -> MessageOut:
    """Avslutter økten: øktcookien slettes, og den (og enhver kopi av den) godtas ikke lenger."""
    found = state.sessions.read(request.cookies.get(SESSION_COOKIE, ""))
    if found is not None:
        state.end_session(found)
    state.drop_session_cookie(response)
    return MessageOut(message=message("logged_out", lang))


@router.get("/me", tags=["innlogging"], summary="Hvem jeg er, og rollene mine")
def me(state: StateDep, identity: IdentityDep) -> MeOut:
    return _me(state, identity)


@router.get("/me/tokens", tags=["innlogging"], summary="Mine API-nøkler (uten selve nøkkelen)")
def list_tokens(state: StateDep, identity: IdentityDep) -> list[TokenOut]:
    return [
        TokenOut(id=t.id, name=t.name, created_at=t.created_at, expires_at=t.expires_at, revoked_at=t.revoked_at)
        for t in state.services.accounts.tokens(identity.username)
    ]


@router.post("/me/tokens", tags=["innlogging"], status_code=201, summary="Lag en personlig API-nøkkel")
def create_token(body: TokenIn, state: StateDep, identity: IdentityDep) -> NewTokenOut:
    """Nøkkelen vises bare i dette svaret; den lagres bare som hash. Bruk den som
    ``Authorization: Bearer <nøkkel>``."""
    expires = state.clock.now() + timedelta(days=body.expires_in_days) if body.expires_in_days else None
    issued = state.services.accounts.create_token(identity.username, body.name, expires_at=expires)
    t = issued.record
    return NewTokenOut(id=t.id, name=t.name, created_at=t.created_at, expires_at=t.expires_at, token=issued.token)


@router.delete("/me/tokens/{token_id}", tags=["innlogging"], status_code=204, summary="Trekk tilbake en API-nøkkel")
def revoke_token(
    token_id: Annotated[int, Path(ge=1, le=2**31 - 1)], state: StateDep, identity: IdentityDep,
) -> Response:
    state.services.accounts.revoke_token(identity.username, token_id)
    state.identities.clear()
    return Response(status_code=204)


@router.get("/units", tags=["organisasjon"], summary="Enhetene jeg arbeider med")
def units(state: StateDep, access: AccessDep) -> list[UnitOut]:
    view = state.org.get().view
    return [
        UnitOut(id=u.id, kind=u.kind, name=u.name, owner_id=u.owner_id, school_id=u.school_id)
        for u in (view.units[i] for i in access.visible_units())
    ]
