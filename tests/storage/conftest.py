"""Fixtures for the storage tests: a migrated database (SQLite and PostgreSQL), the services over
it with a frozen clock, and the example case files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from actionloop.adapters.db import SqlDatabase
from actionloop.app.services import Services, build_services
from actionloop.app.workflow_bridge import WorkflowInterpreter
from actionloop.core import casefile
from actionloop.core.clock import OSLO, FrozenClock
from actionloop.core.model import CaseFile
from actionloop.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def example_paths() -> list[Path]:
    return sorted(p for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json"))


def load_example(name: str) -> CaseFile:
    return casefile.load(EXAMPLES / name)


def example_dict(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / name).read_text("utf-8"))
    return data


def truncated(name: str, keep: int) -> tuple[CaseFile, list[dict[str, Any]]]:
    """The example with only its first ``keep`` events, and the events left out (as dicts)."""
    data = example_dict(name)
    rest = data["events"][keep:]
    data["events"] = data["events"][:keep]
    return casefile.from_dict(data), rest


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2025, 11, 24, 9, 30, tzinfo=OSLO))


@pytest.fixture
def db(database_url: str) -> Iterator[SqlDatabase]:
    database = SqlDatabase.open(database_url)
    database.upgrade()
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture(scope="session")
def interpreter() -> WorkflowInterpreter:
    return WorkflowInterpreter()


@pytest.fixture
def services(db: SqlDatabase, clock: FrozenClock, interpreter: WorkflowInterpreter) -> Services:
    return build_services(db, interpreter=interpreter, clock=clock, settings=Settings(database_url="sqlite://"))
