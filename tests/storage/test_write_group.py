"""The database's write group (group commit): units of work opened inside it are savepoints of one
transaction on SQLite (each undone on its own if it fails, all committed at the end or none);
on PostgreSQL the group does nothing and each write commits on its own."""

from __future__ import annotations

import pytest

from actionloop.adapters.db import SqlDatabase
from actionloop.app.errors import CaseExists
from actionloop.app.services import Services
from actionloop.core import casefile
from actionloop.core.model import CaseFile

from .conftest import example_dict

WELL = "school-2025-handled-well.json"


def _copy(case_id: str, keep: int = 3) -> CaseFile:
    data = example_dict(WELL)
    data["case"]["id"] = case_id
    data["events"] = data["events"][:keep]
    return casefile.from_dict(data)


def test_writes_in_a_group_are_each_checked_and_all_committed(services: Services, db: SqlDatabase) -> None:
    with db.write_group():
        first = services.cases.import_case(_copy("g-1"), actor="u1")
        # a later write in the group sees the earlier one (as if run one after the other)
        assert services.cases.head("g-1") == (first.seq, first.hash)
        with pytest.raises(CaseExists):
            services.cases.import_case(_copy("g-1"), actor="u1")
        second = services.cases.import_case(_copy("g-2"), actor="u1")
        appended = services.cases.append_event("g-2", example_dict(WELL)["events"][3], expected_seq=second.seq,
                                               actor="u1")
    assert services.cases.head("g-1") == (first.seq, first.hash)
    assert services.cases.head("g-2") == (appended.seq, appended.hash)
    assert {s.case_id for s in services.cases.list_cases()} >= {"g-1", "g-2"}
    assert services.cases.verify() == []


def test_a_group_that_fails_stores_nothing(services: Services, db: SqlDatabase) -> None:
    with pytest.raises(RuntimeError), db.write_group():
        services.cases.import_case(_copy("h-1"), actor="u1")
        raise RuntimeError("the commit fails")
    stored = {s.case_id for s in services.cases.list_cases()}
    if db.kind == "sqlite":
        assert "h-1" not in stored
    else:  # no group on PostgreSQL: the write was committed on its own
        assert "h-1" in stored
    assert services.cases.verify() == []


def test_checkpoints_in_a_thread_of_their_own(services: Services, db: SqlDatabase) -> None:
    """With the checkpoint thread running, a write group's commit leaves the checkpoint to it
    (automatic checkpoints off on its connection); without it, they are on as usual."""

    def autocheckpoint() -> int:
        with db.unit_of_work() as uow:  # inside a group: the group's connection
            return int(uow.cases.conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one())

    if db.kind != "sqlite":
        db.start_checkpoints()  # nothing on PostgreSQL
        db.stop_checkpoints()
        return
    db.start_checkpoints(every_seconds=0.01)
    db.start_checkpoints(every_seconds=0.01)  # once is enough
    try:
        with db.write_group():
            assert autocheckpoint() == 0
            services.cases.import_case(_copy("k-1"), actor="u1")
    finally:
        db.stop_checkpoints()
        db.stop_checkpoints()
    with db.write_group():
        assert autocheckpoint() == 1000
    with db.engine.connect() as conn:  # the last checkpoint copied the whole log
        busy, frames, copied = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
        assert busy == 0 and frames == copied
    assert services.cases.head("k-1")[0] == 3


def test_a_thread_keeps_its_group_connection_until_a_group_fails(services: Services, db: SqlDatabase) -> None:
    """The write groups of one thread share one connection (its page cache stays valid); a failed
    group closes it (rolling back) and the next group opens another; ``dispose`` closes it."""
    if db.kind != "sqlite":
        return

    def connection() -> object:
        with db.unit_of_work() as uow:
            return uow.cases.conn

    with db.write_group():
        first = connection()
        services.cases.import_case(_copy("m-1"), actor="u1")
    with db.write_group():
        assert connection() is first
    with pytest.raises(RuntimeError), db.write_group():
        assert connection() is first
        services.cases.import_case(_copy("m-2"), actor="u1")
        raise RuntimeError("the commit fails")
    assert first.closed  # type: ignore[attr-defined]
    with db.write_group():
        second = connection()
        assert second is not first
    stored = {s.case_id for s in services.cases.list_cases()}
    assert "m-1" in stored and "m-2" not in stored
    db.dispose()
    assert second.closed  # type: ignore[attr-defined]
