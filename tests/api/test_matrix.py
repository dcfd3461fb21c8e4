"""The authorization matrix: every route × every role × own unit / other unit (or each case of the
world, hidden staff and leadership cases included) × the status it must answer.

The routes come from the app's own route table: a new route without an entry here fails
:func:`test_every_route_has_an_entry`. Cases the caller may not see answer 404 exactly like a case
that does not exist.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from .conftest import make_app
from .world import PASSWORD, ROLES, VISIBLE, World

CASE_TARGETS = ("A", "S", "L", "B", "X", "missing")
UNIT_TARGETS = ("u1", "u2", "u3")
CHILD_AT = {"u1": "k1", "u2": "k3", "u3": "k4"}
OWNER_OF = {"u1": "o1", "u2": "o1", "u3": "o2"}

#: Units where each role may register a concern (it works there, leads it, or owns it).
REGISTER_AT = {
    "staff1": {"u1"}, "staff2": {"u1"}, "principal1": {"u1"}, "handler1": {"u1"}, "principal2": {"u2"},
    "owner1": {"u1", "u2"}, "owner2": {"u3"},
}
#: Units whose case files each role may import (leadership, owner, admin).
IMPORT_TO = {
    "principal1": {"u1"}, "handler1": {"u1"}, "principal2": {"u2"}, "owner1": {"u1", "u2"}, "owner2": {"u3"},
    "admin": {"u1", "u2", "u3"},
}
#: Units whose figures and audit each role may see.
FIGURES_OF = {
    "principal1": {"u1"}, "handler1": {"u1"}, "principal2": {"u2"}, "owner1": {"u1", "u2"}, "owner2": {"u3"},
    "auditor1": {"u1", "u2"}, "admin": {"u1", "u2", "u3"},
}
#: Units whose read log each role may see (the owner, audit, admin).
READ_LOG_OF = {"owner1": {"u1", "u2"}, "owner2": {"u3"}, "auditor1": {"u1", "u2"}, "admin": {"u1", "u2", "u3"}}
CASES_IN = {"u1": {"A", "S", "L"}, "u2": {"B"}, "u3": {"X"}}

Send = Callable[[TestClient, World, str, str], httpx.Response]
Expect = Callable[[str, str], int]


@dataclass(frozen=True)
class Probe:
    targets: tuple[str, ...]
    send: Send
    expect: Expect
    #: The probe makes new cases: it runs against an app of its own, so that the cases it makes
    #: (which their authors may then see) do not change what the other probes expect.
    creates: bool = False


def response(value: object) -> httpx.Response:
    assert isinstance(value, httpx.Response)
    return value


def case_id(world: World, target: str) -> str:
    return world.case_ids.get(target, "no-such-case")


def read_case(role: str, target: str) -> int:
    if role == "anonymous":
        return 401
    return 200 if target in VISIBLE[role] else 404


def write_case(role: str, target: str) -> int:
    """A write with a stale expected_seq: 409 only once access is granted."""
    if role == "anonymous":
        return 401
    level = VISIBLE[role].get(target)
    if level is None:
        return 404
    return 403 if level == "read" else 409


def by_units(allowed: dict[str, set[str]], ok: int = 200) -> Expect:
    def expect(role: str, unit: str) -> int:
        if role == "anonymous":
            return 401
        return ok if unit in allowed.get(role, set()) else 403
    return expect


def audit_report(role: str, unit: str) -> int:
    status = by_units(FIGURES_OF)(role, unit)
    if status != 200:
        return status
    if role == "admin":
        return 403  # no case contents for the administrator
    readable = {c for c in CASES_IN[unit] if c in VISIBLE[role]}
    return 200 if readable else 409  # a report needs at least one case the caller may read


def authenticated(ok: int) -> Expect:
    return lambda role, _target: 401 if role == "anonymous" else ok


def get(path: str, **params: Any) -> Send:
    def send(client: TestClient, world: World, role: str, target: str) -> httpx.Response:
        url = path.format(case_id=case_id(world, target), unit=target)
        query = {k: v.format(unit=target) if isinstance(v, str) else v for k, v in params.items()}
        return response(client.get(url, params=query, headers=world.headers(role)))
    return send


def register(client: TestClient, world: World, role: str, unit: str) -> httpx.Response:
    body = {"unit_id": unit, "child_id": CHILD_AT[unit], "source": "observed", "offender": "child"}
    return response(client.post("/api/cases", json=body, headers=world.headers(role)))


def import_file(client: TestClient, world: World, role: str, unit: str) -> httpx.Response:
    data = {
        "format": "actionloop-case/1",
        "case": {"id": f"imported-{role}-{unit}", "setting": "kindergarten" if unit == "u3" else "school",
                 "unit": {"id": unit, "name": unit, "owner": OWNER_OF[unit]}, "child": {"id": "k9"}},
        "people": [{"id": "x1", "role": "staff"}],
        "events": [{"at": "2025-09-20", "type": "concern", "by": "x1", "source": "observed", "offender": "child"}],
    }
    return response(client.post("/api/import", json=data, headers=world.headers(role)))


def stale_event(client: TestClient, world: World, role: str, target: str) -> httpx.Response:
    body = {"expected_seq": 0, "event": {"at": "2025-09-30T10:00:00+02:00", "type": "note", "by": "t1"}}
    return response(client.post(f"/api/cases/{case_id(world, target)}/events", json=body, headers=world.headers(role)))


def login(client: TestClient, world: World, role: str, _target: str) -> httpx.Response:
    if role == "anonymous":
        return response(client.post("/api/login", json={"username": "nobody", "password": "wrong-password"}))
    answer = response(client.post("/api/login", json={"username": role, "password": PASSWORD}))
    client.cookies.clear()
    return answer


def logout(client: TestClient, world: World, role: str, _target: str) -> httpx.Response:
    return response(client.post("/api/logout", headers=world.headers(role)))


def new_token(client: TestClient, world: World, role: str, _target: str) -> httpx.Response:
    return response(client.post("/api/me/tokens", json={"name": "matrix"}, headers=world.headers(role)))


def revoke_token(client: TestClient, world: World, role: str, target: str) -> httpx.Response:
    owner = role if target == "own" else ("staff2" if role == "staff1" else "staff1")
    if owner == "anonymous":
        owner = "staff1"
    made = client.post("/api/me/tokens", json={"name": "to revoke"}, headers=world.headers(owner))
    assert made.status_code == 201
    return response(client.delete(f"/api/me/tokens/{made.json()['id']}", headers=world.headers(role)))


def revoke_expect(role: str, target: str) -> int:
    if role == "anonymous":
        return 401
    return 204 if target == "own" else 404


ROUTES: dict[tuple[str, str], Probe] = {
    ("GET", "/api/health"): Probe(("-",), get("/api/health"), lambda role, t: 200),
    ("POST", "/api/login"): Probe(("-",), login, lambda role, t: 401 if role == "anonymous" else 200),
    ("POST", "/api/logout"): Probe(("-",), logout, lambda role, t: 200),
    ("GET", "/api/me"): Probe(("-",), get("/api/me"), authenticated(200)),
    ("GET", "/api/me/tokens"): Probe(("-",), get("/api/me/tokens"), authenticated(200)),
    ("POST", "/api/me/tokens"): Probe(("-",), new_token, authenticated(201)),
    ("DELETE", "/api/me/tokens/{token_id}"): Probe(("own", "other"), revoke_token, revoke_expect),
    ("GET", "/api/units"): Probe(("-",), get("/api/units"), authenticated(200)),
    ("GET", "/api/cases"): Probe(UNIT_TARGETS, get("/api/cases", unit="{unit}"), authenticated(200)),
    ("POST", "/api/cases"): Probe(UNIT_TARGETS, register, by_units(REGISTER_AT, 201), creates=True),
    ("GET", "/api/cases/{case_id}"): Probe(CASE_TARGETS, get("/api/cases/{case_id}"), read_case),
    ("POST", "/api/cases/{case_id}/events"): Probe(CASE_TARGETS, stale_event, write_case),
    ("GET", "/api/cases/{case_id}/audit"): Probe(CASE_TARGETS, get("/api/cases/{case_id}/audit"), read_case),
    ("GET", "/api/cases/{case_id}/export"): Probe(CASE_TARGETS, get("/api/cases/{case_id}/export"), read_case),
    ("GET", "/api/cases/{case_id}/documents/{kind}"): Probe(
        CASE_TARGETS, get("/api/cases/{case_id}/documents/log-family"), read_case),
    ("POST", "/api/import"): Probe(UNIT_TARGETS, import_file, by_units(IMPORT_TO, 201), creates=True),
    ("GET", "/api/audit"): Probe(UNIT_TARGETS, get("/api/audit", unit="{unit}"), by_units(FIGURES_OF)),
    ("GET", "/api/audit/report"): Probe(UNIT_TARGETS, get("/api/audit/report", unit="{unit}"), audit_report),
    ("GET", "/api/deadlines"): Probe(UNIT_TARGETS, get("/api/deadlines", unit="{unit}"), authenticated(200)),
    ("GET", "/api/figures"): Probe(UNIT_TARGETS, get("/api/figures", unit="{unit}"), by_units(FIGURES_OF)),
    ("GET", "/api/read-log"): Probe(UNIT_TARGETS, get("/api/read-log", unit="{unit}"), by_units(READ_LOG_OF)),
    ("GET", "/api/reminders"): Probe(("-",), get("/api/reminders"), authenticated(200)),
}


@pytest.fixture(scope="module")
def writes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, World]]:
    folder = tmp_path_factory.mktemp("writes")
    app, world = make_app(f"sqlite:///{(folder / 'writes.db').as_posix()}", folder)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c, world
    app.state.api.close()


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every API route (under ``/api/``) the app serves, read from its route table
    (routers included), and checked against the OpenAPI document it publishes."""
    try:
        from fastapi.routing import iter_route_contexts  # FastAPI >= 0.160 includes routers lazily
    except ImportError:  # pragma: no cover - older FastAPI: included routes are copied into app.routes
        found = {(m, r.path) for r in app.routes if isinstance(r, APIRoute) for m in r.methods or ()}
    else:
        found = {
            (m, str(ctx.path)) for ctx in iter_route_contexts(app.routes)
            if isinstance(ctx.original_route, APIRoute) for m in ctx.original_route.methods or ()
        }
    published = {(m.upper(), path) for path, item in app.openapi()["paths"].items() for m in item}
    found = {(m, path) for m, path in found if path.startswith("/api/")}  # the web pages have their own tests
    assert found == published
    return found


def test_every_route_has_an_entry(world_app: tuple[FastAPI, World]) -> None:
    routes = app_routes(world_app[0])
    assert routes - set(ROUTES) == set(), "routes without an entry in the authorization matrix"
    assert set(ROUTES) - routes == set(), "matrix entries for routes that do not exist"


CELLS = [
    pytest.param(route, role, target, id=f"{route[0]} {route[1]} | {role} | {target}")
    for route, probe in ROUTES.items()
    for role, target in itertools.product(ROLES, probe.targets)
]


@pytest.mark.parametrize(("route", "role", "target"), CELLS)
def test_matrix(
    client: TestClient, world: World, writes: tuple[TestClient, World], route: tuple[str, str], role: str,
    target: str,
) -> None:
    probe = ROUTES[route]
    if probe.creates:
        client, world = writes
    expected = probe.expect(role, target)
    response = probe.send(client, world, role, target)
    assert response.status_code == expected, response.text
    if expected == 404 and "{case_id}" in route[1]:
        body = response.json()
        assert body["error"] == "case_not_found"
        assert body == {"error": "case_not_found", "message": f"Saken {case_id(world, target)} finnes ikke.",
                        "case_id": case_id(world, target)}


@pytest.mark.parametrize("role", ROLES)
def test_the_list_shows_exactly_the_visible_cases(client: TestClient, world: World, role: str) -> None:
    response = client.get("/api/cases", params={"limit": 1000}, headers=world.headers(role))
    if role == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    listed = {item["case_id"]: item["access"] for item in response.json()["items"]}
    world_cases = {letter: listed[cid] for letter, cid in world.case_ids.items() if cid in listed}
    assert world_cases == VISIBLE[role]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_deadlines_and_audit_never_show_hidden_cases(client: TestClient, world: World, role: str) -> None:
    hidden = {cid for letter, cid in world.case_ids.items() if letter not in VISIBLE[role]}
    deadlines = client.get("/api/deadlines", params={"within_days": 366}, headers=world.headers(role)).json()
    assert not {d["case_id"] for d in deadlines["items"]} & hidden
    reminders = client.get("/api/reminders", headers=world.headers(role)).json()
    assert not {r["case_id"] for r in reminders["items"]} & hidden
    for unit in UNIT_TARGETS:
        audit = client.get("/api/audit", params={"unit": unit}, headers=world.headers(role))
        if audit.status_code == 200:
            assert not {c["case"] for c in audit.json()["cases"]} & hidden
