"""The short way of the write routes (:mod:`actionloop.api.fastroute`): taken for plain writes,
stepped aside from for everything else, and every answer the same as FastAPI's own handling gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastapi.routing
import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from actionloop.api import fastroute
from actionloop.api.deps import CallerDep
from actionloop.api.fastroute import WriteRoute, write_post
from actionloop.api.schemas import ConcernIn

from .conftest import make_app
from .world import PASSWORD, World

CONCERN = {"unit_id": "u1", "child_id": "k1", "source": "observed", "offender": "child",
           "at": "2025-10-01T10:00:00+02:00", "text": "Ho sit åleine."}


def _unused() -> None:
    """A dependency no route has: overriding it changes nothing in FastAPI, but turns the short way off."""


@pytest.fixture
def solved(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the requests FastAPI's own handler solves (the short way solves none)."""
    calls: list[int] = []
    original = fastapi.routing.solve_dependencies

    async def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return await original(*args, **kwargs)

    monkeypatch.setattr(fastapi.routing, "solve_dependencies", counting)
    return calls


@pytest.fixture
def app(world_app: tuple[FastAPI, World]) -> Iterator[FastAPI]:
    yield world_app[0]
    world_app[0].dependency_overrides.clear()


def _without_ids(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in ("case_id", "hash")}


def test_a_plain_registration_takes_the_short_way(
    app: FastAPI, client: TestClient, world: World, solved: list[int],
) -> None:
    short = client.post("/api/cases", json=CONCERN, headers=world.headers("staff1"))
    assert short.status_code == 201, short.text
    assert solved == []
    app.dependency_overrides[_unused] = _unused
    standard = client.post("/api/cases", json=CONCERN, headers=world.headers("staff1"))
    assert solved == [1]
    assert standard.status_code == 201
    assert _without_ids(short.json()) == _without_ids(standard.json()) == {
        "seq": 1, "added": 1, "state": short.json()["state"], "replayed": False,
    }
    assert short.json()["state"]
    assert short.headers["location"] == f"/api/cases/{short.json()['case_id']}"
    assert short.headers["content-type"] == standard.headers["content-type"] == "application/json"


def test_a_plain_step_takes_the_short_way(client: TestClient, world: World, solved: list[int]) -> None:
    created = client.post("/api/cases", json=CONCERN, headers=world.headers("principal1")).json()
    event = {"at": "2025-10-01T11:00:00+02:00", "type": "note", "by": "p1", "text": "Snakka med læraren."}
    response = client.post(f"/api/cases/{created['case_id']}/events", json={"expected_seq": 1, "event": event},
                           headers={**world.headers("principal1"), "Idempotency-Key": "short-step"})
    assert response.status_code == 201, response.text
    assert (response.json()["seq"], response.json()["replayed"]) == (2, False)
    again = client.post(f"/api/cases/{created['case_id']}/events", json={"expected_seq": 1, "event": event},
                        headers={**world.headers("principal1"), "Idempotency-Key": "short-step"})
    assert (again.status_code, again.json()["seq"], again.json()["replayed"]) == (201, 2, True)
    assert solved == []


# Requests the short way leaves to FastAPI (or answers with the same error): each is sent with the
# short way on and off, and must get the same answer both ways.
ODD_REQUESTS: list[tuple[str, dict[str, Any]]] = [
    ("no body", {"content": b"", "headers": {"Content-Type": "application/json"}}),
    ("not JSON", {"content": b"{\"unit_id\": ", "headers": {"Content-Type": "application/json"}}),
    ("a JSON list", {"json": [CONCERN]}),
    ("null", {"content": b"null", "headers": {"Content-Type": "application/json"}}),
    ("form data", {"data": {"unit_id": "u1"}}),
    ("text/plain", {"content": b"{}", "headers": {"Content-Type": "text/plain"}}),
    ("no content type", {"content": b"{}", "headers": {}}),
    ("a missing field", {"json": {k: v for k, v in CONCERN.items() if k != "source"}}),
    ("a bad choice, nynorsk", {"json": {**CONCERN, "offender": "nabo"}, "params": {"lang": "nn"}}),
    ("an unknown field, English", {"json": {**CONCERN, "extra": 1}, "headers": {"Accept-Language": "en"}}),
    ("an empty key", {"json": CONCERN, "headers": {"Idempotency-Key": ""}}),
    ("a key too long", {"json": CONCERN, "headers": {"Idempotency-Key": "k" * 201}}),
    ("a bad body and a key too long", {"json": {}, "headers": {"Idempotency-Key": "k" * 201}}),
    ("an unknown unit", {"json": {**CONCERN, "unit_id": "nowhere"}}),
    ("a child not enrolled", {"json": {**CONCERN, "child_id": "k3"}}),
    ("a date the calendar cannot reckon with", {"json": {**CONCERN, "at": "1850-01-01T10:00:00+01:00"}}),
]


def _send(client: TestClient, world: World, role: str | None, spec: dict[str, Any]) -> Any:
    spec = dict(spec)
    headers = {**(world.headers(role) if role else {}), **spec.pop("headers", {})}
    return client.post("/api/cases", headers=headers, **spec)


@pytest.mark.parametrize(("name", "spec"), ODD_REQUESTS, ids=[n for n, _ in ODD_REQUESTS])
@pytest.mark.parametrize("role", ["staff1", None, "bad token"])
def test_odd_requests_get_the_same_answer_either_way(
    app: FastAPI, client: TestClient, world: World, name: str, spec: dict[str, Any], role: str | None,
) -> None:
    if role == "bad token":
        spec = {**spec, "headers": {**spec.get("headers", {}), "Authorization": "Bearer alt_nope"}}
        role = None
    short = _send(client, world, role, spec)
    app.dependency_overrides[_unused] = _unused
    standard = _send(client, world, role, spec)
    assert short.status_code == standard.status_code, (short.text, standard.text)
    assert short.status_code in (401, 422), short.text
    assert short.json() == standard.json()
    assert short.headers.get("www-authenticate") == standard.headers.get("www-authenticate")


def test_a_repeated_key_and_a_session_cookie_are_answered_as_before(
    app: FastAPI, client: TestClient, world: World, solved: list[int],
) -> None:
    headers = [*world.headers("staff1").items(), ("Idempotency-Key", "a"), ("Idempotency-Key", "b")]
    repeated = client.post("/api/cases", json=CONCERN, headers=headers)
    assert repeated.status_code == 201
    assert solved == [1]  # FastAPI's own handling (it takes the first)
    browser = TestClient(app, raise_server_exceptions=False)
    assert browser.post("/api/login", json={"username": "staff1", "password": PASSWORD}).status_code == 200
    solved.clear()
    by_session = browser.post("/api/cases", json=CONCERN)
    assert by_session.status_code == 201, by_session.text
    assert solved == []  # the short way
    forged = TestClient(app, raise_server_exceptions=False, cookies={"actionloop_session": "forged"})
    assert forged.post("/api/cases", json=CONCERN).status_code == 401


def test_a_write_route_must_have_the_shape_it_serves() -> None:
    router = APIRouter(prefix="/api")

    async def two_bodies(body: ConcernIn, other: ConcernIn, caller: CallerDep) -> None:
        return None

    async def no_caller(body: ConcernIn) -> None:
        return None

    for endpoint in (two_bodies, no_caller):
        with pytest.raises(TypeError):
            write_post(router, "/x")(endpoint)
        with pytest.raises(TypeError):
            WriteRoute("/x", endpoint, methods=["POST"])


def test_the_write_routes_are_documented_as_before(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, body, operation_id in (("/api/cases", "ConcernIn", "register_concern_api_cases_post"),
                                     ("/api/cases/{case_id}/events", "EventIn",
                                      "append_event_api_cases__case_id__events_post")):
        op = paths[path]["post"]
        assert op["operationId"] == operation_id
        assert op["security"] == [{"APIKeyCookie": []}, {"HTTPBearer": []}]
        assert {(p["name"], p["in"]) for p in op["parameters"]} >= {("lang", "query"), ("Idempotency-Key", "header")}
        assert op["requestBody"]["content"]["application/json"]["schema"] == {"$ref": f"#/components/schemas/{body}"}
        assert op["responses"]["201"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/AppendOut"}
        assert "422" in op["responses"]


def test_without_the_fastapi_internals_the_routes_are_fastapis_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, solved: list[int],
) -> None:
    # As on a FastAPI release in the pinned range without the internals the short way uses: the
    # app is built with FastAPI's own handlers, which answer every write as before.
    monkeypatch.setattr(fastroute, "SHORT_WAY", False)
    app, world = make_app(f"sqlite:///{(tmp_path / 'fallback.db').as_posix()}", tmp_path)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            created = client.post("/api/cases", json=CONCERN, headers=world.headers("staff1"))
            assert created.status_code == 201, created.text
            assert solved == [1]
            case_id = created.json()["case_id"]
            step = {"expected_seq": 1, "event": {"at": "2025-10-01T11:00:00+02:00", "type": "note", "by": "t1",
                                                 "text": "Et notat."}}
            assert client.post(f"/api/cases/{case_id}/events", json=step,
                               headers=world.headers("staff1")).status_code == 201
            assert solved == [1, 1]
            bad = client.post("/api/cases", json={**CONCERN, "source": "rykte"}, headers=world.headers("staff1"))
            assert bad.status_code == 422 and bad.json()["problems"][0]["path"] == "$.source"
    finally:
        app.state.api.close()
