"""The case list is built from kept pieces (each row's JSON, the rows an account may see): the
answer is byte for byte what serialising the rows afresh gives, and it follows every write."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic_core import to_json

from actionloop.api.routes.cases import visible_cases
from actionloop.api.views import case_item
from actionloop.app.access import Access
from actionloop.app.ports import CaseQuery

from .conftest import make_app
from .world import World


def _fresh_body(app: FastAPI, world: World, role: str, lang: str, limit: int = 100) -> bytes:
    state = app.state.api
    access = Access(state.token_identity(world.tokens[role]), state.org.get().view)
    state.case_lists = None  # read everything afresh, keep nothing
    try:
        rows = visible_cases(state, access, CaseQuery())
    finally:
        from actionloop.app.caselist import CaseListCache

        state.case_lists = CaseListCache(state.services.db)
    today = state.today()
    page = rows[:limit]
    return to_json({"items": [case_item(state, s, level, today, lang) for s, level in page], "limit": limit,
                    "offset": 0, "next_offset": limit if len(rows) > limit else None})


def test_the_list_is_what_serialising_it_afresh_gives(fresh_app: tuple[FastAPI, World]) -> None:
    app, world = fresh_app
    with TestClient(app) as client:
        for role in ("principal1", "owner1", "auditor1", "staff1"):
            for lang in ("nb", "en"):
                for _ in range(2):  # the second time from what was kept
                    response = client.get(f"/api/cases?lang={lang}", headers=world.headers(role))
                    assert response.status_code == 200
                    assert response.content == _fresh_body(app, world, role, lang), (role, lang)
        one = client.get("/api/cases?limit=1", headers=world.headers("principal1"))
        assert one.content == _fresh_body(app, world, "principal1", "nb", limit=1)


def test_the_list_follows_a_write(fresh_app: tuple[FastAPI, World]) -> None:
    app, world = fresh_app
    case_id = world.case_ids["A"]
    headers = world.headers("principal1")
    with TestClient(app) as client:
        before = {i["case_id"]: i for i in client.get("/api/cases", headers=headers).json()["items"]}
        seq = before[case_id]["last_seq"]
        event = {"at": "2025-09-30T08:00:00+02:00", "type": "note", "by": "p1", "text": "Et notat."}
        written = client.post(f"/api/cases/{case_id}/events", json={"expected_seq": seq, "event": event},
                              headers=headers)
        assert written.status_code == 201, written.json()
        after = {i["case_id"]: i for i in client.get("/api/cases", headers=headers).json()["items"]}
        assert after[case_id]["last_seq"] == seq + 1
        assert {k: v for k, v in after.items() if k != case_id} == {k: v for k, v in before.items() if k != case_id}
        assert client.get("/api/cases", headers=headers).content == _fresh_body(app, world, "principal1", "nb")


@pytest.fixture
def sqlite_app(tmp_path: Path) -> Iterator[tuple[FastAPI, World]]:
    """A new app on SQLite (the database whose lists are kept; on PostgreSQL every list is read afresh)."""
    app, world = make_app(f"sqlite:///{(tmp_path / 'lists.db').as_posix()}", tmp_path)
    yield app, world
    app.state.api.close()


def test_lists_asked_for_at_the_same_moment_after_a_write_are_read_once(sqlite_app: tuple[FastAPI, World]) -> None:
    app, world = sqlite_app
    state = app.state.api
    assert state.services.db.change_marker() is not None
    case_id = world.case_ids["A"]
    headers = world.headers("principal1")
    with TestClient(app) as client:

        def write() -> int:
            items = client.get("/api/cases", headers=headers).json()["items"]
            seq = int(next(i["last_seq"] for i in items if i["case_id"] == case_id))
            event = {"at": "2025-09-30T08:00:00+02:00", "type": "note", "by": "p1", "text": "Et notat."}
            assert client.post(f"/api/cases/{case_id}/events", json={"expected_seq": seq, "event": event},
                               headers=headers).status_code == 201
            return seq + 1

        # What one list after a write reads from the database (the principal's list is one or
        # more queries) ...
        write()
        reads = state.case_lists.reads
        assert client.get("/api/cases", headers=headers).status_code == 200
        one = state.case_lists.reads - reads
        assert one >= 1
        # ... is what eight lists asked for at the same moment after a write read, together.
        seq = write()
        reads = state.case_lists.reads
        barrier = threading.Barrier(8)

        def ask() -> list[dict[str, object]]:
            barrier.wait()
            response = client.get("/api/cases", headers=headers)
            assert response.status_code == 200
            items: list[dict[str, object]] = response.json()["items"]
            return items

        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: ask(), range(8)))
    assert state.case_lists.reads - reads == one
    assert all(a == answers[0] for a in answers)
    assert next(i["last_seq"] for i in answers[0] if i["case_id"] == case_id) == seq
