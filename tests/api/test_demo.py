"""``actionloop demo``: a demo municipality that can be created twice without duplicates, with
cases in different steps (some overdue, one staff case, one leadership case) and working logins."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from actionloop.adapters.db import open_services
from actionloop.api import create_app
from actionloop.app.ports import CaseQuery
from actionloop.demo import DEMO_PASSWORD, LOGINS, create_demo
from actionloop.settings import Settings


def test_the_demo_is_complete_and_idempotent(database_url: str, tmp_path: Path) -> None:
    settings = Settings(database_url=database_url, data_dir=tmp_path, session_secret="d" * 40)
    services = open_services(settings, upgrade=True)
    try:
        first = create_demo(services)
        second = create_demo(services)
        assert (first.new_cases, first.new_accounts) == (first.cases, len(LOGINS))
        assert (second.new_cases, second.new_accounts) == (0, 0)
        summaries = services.cases.list_cases(CaseQuery())
        assert len(summaries) == first.cases >= 15
        assert len({s.unit_id for s in summaries}) == 5
        assert len({s.state for s in summaries}) >= 5
        today = services.clock.now().date()
        overdue = [s for s in summaries if s.closed_date is None and s.next_deadline and s.next_deadline < today]
        assert len(overdue) >= 3
        assert sum(s.staff_offender for s in summaries) == 1
        assert sum(s.leadership_offender for s in summaries) == 1
        assert services.cases.verify() == []
        assert len(services.orgs.roster().children) >= 10
    finally:
        services.db.dispose()  # type: ignore[attr-defined]

    app = create_app(settings)
    try:
        client = TestClient(app)
        seen = {}
        for username in ("rektor.solbakken", "eier"):
            assert client.post("/api/login", json={"username": username, "password": DEMO_PASSWORD}).status_code == 200
            seen[username] = {i["case_id"] for i in client.get("/api/cases").json()["items"]}
            client.post("/api/logout")
        assert "demo-solbakken-ledelse" not in seen["rektor.solbakken"]
        assert "demo-solbakken-1" in seen["rektor.solbakken"]
        assert {"demo-solbakken-ledelse", "demo-nordli-ansatt", "demo-solbakken-2"} <= seen["eier"]
        assert "demo-nordli-1" not in seen["eier"]
    finally:
        app.state.api.close()


def test_the_demo_command_prints_the_logins(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'demo.db').as_posix()}"
    env = {**os.environ, "ACTIONLOOP_DATA_DIR": str(tmp_path)}
    run = [sys.executable, "-m", "actionloop", "demo", "--database-url", url]
    first = subprocess.run(run, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert first.returncode == 0, first.stderr
    assert "rektor.nordli" in first.stdout and DEMO_PASSWORD in first.stdout
    again = subprocess.run(run, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert again.returncode == 0
    assert "(0 nye)" in again.stdout
