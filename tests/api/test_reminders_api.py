"""``GET /api/reminders``: the deadline scan's reminders, only for cases the caller may see."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .world import VISIBLE, World


def test_reminders_follow_the_access_rules(world_app: tuple[FastAPI, World], client: TestClient) -> None:
    app, world = world_app
    report = app.state.api.reminders.scan()
    assert report.created >= 0 and report.due > 0
    letter_of = {cid: letter for letter, cid in world.case_ids.items()}
    seen: dict[str, set[str]] = {}
    for role in ("principal1", "owner1", "staff1", "auditor1"):
        body = client.get("/api/reminders", headers=world.headers(role)).json()
        seen[role] = {letter_of[r["case_id"]] for r in body["items"]}
        assert seen[role] <= set(VISIBLE[role]), role
        for r in body["items"]:
            assert r["kind"] in ("due_soon", "overdue")
            assert r["audience"] == ("owner" if letter_of[r["case_id"]] == "L" else "unit")
    # the leadership case L is the owner's, and never the suspected leadership's
    assert "L" not in seen["principal1"]
    assert seen["principal1"], "the principal has open cases with deadlines"


def test_reminders_need_a_login(client: TestClient) -> None:
    assert client.get("/api/reminders").status_code == 401
