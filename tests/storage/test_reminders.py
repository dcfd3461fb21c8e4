"""Deadline scans and reminders: one reminder per case, duty, due date and kind, however many
processes scan at once (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from actionloop.adapters.db import SqlDatabase, tables
from actionloop.app.ports import CaseQuery
from actionloop.app.reminders import ReminderQuery, ReminderService
from actionloop.app.services import Services
from actionloop.core.clock import FrozenClock, today
from actionloop.core.policy import Policy
from actionloop.workflow.spec import Term

from .conftest import example_paths, load_example

TODAY = date(2025, 11, 24)


@pytest.fixture
def stored(services: Services) -> Services:
    services.cases.import_cases([load_example(p.name) for p in example_paths()])
    return services


@pytest.fixture
def many(services: Services) -> Services:
    """Fifteen copies of every example (new case ids), for scanners to race over."""
    cases = []
    for copy in range(15):
        for path in example_paths():
            case = load_example(path.name)
            cases.append(dataclasses.replace(case, case=dataclasses.replace(case.case, id=f"{case.case.id}-{copy}")))
    services.cases.import_cases(cases)
    return services


def within_days(n: int) -> Policy:
    """A policy where a deadline is due soon ``n`` calendar days ahead."""
    return Policy(due_soon=Term(n, "days"))


def _count(db: SqlDatabase) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(tables.reminder)).scalar_one())


def test_a_scan_reminds_of_every_open_duty_due_soon_or_overdue_once(stored: Services, clock: FrozenClock) -> None:
    service = ReminderService(stored.db, clock, policy=within_days(3))  # type: ignore[arg-type]
    summaries = stored.cases.list_cases(CaseQuery())
    open_due = {
        s.case_id: s for s in summaries
        if s.closed_date is None and s.next_deadline is not None and s.next_deadline <= TODAY + timedelta(days=3)
    }
    assert open_due, "the examples should have open cases with a deadline"
    assert any(s.closed_date is not None for s in summaries), "and closed ones"

    first = service.scan()
    assert first.today == today(clock) == TODAY
    assert (first.due, first.created) == (len(open_due), len(open_due))
    found = service.find(ReminderQuery())
    assert {r.case_id for r in found} == set(open_due)
    for r in found:
        summary = open_due[r.case_id]
        assert (r.duty, r.due_date) == (summary.next_deadline_duty, summary.next_deadline)
        assert r.kind == ("overdue" if r.due_date < TODAY else "due_soon")
        assert r.audience == ("owner" if summary.leadership_offender else "unit")

    again = service.scan()
    assert (again.due, again.created) == (len(open_due), 0)
    assert _count(stored.db) == len(open_due)  # type: ignore[arg-type]


def test_a_due_soon_reminder_is_followed_by_an_overdue_one(stored: Services, clock: FrozenClock) -> None:
    service = ReminderService(stored.db, clock, policy=within_days(366))  # type: ignore[arg-type]
    summaries = [s for s in stored.cases.list_cases(CaseQuery(closed=False)) if s.next_deadline is not None]
    earliest = min(summaries, key=lambda s: s.next_deadline or date.max)
    assert earliest.next_deadline is not None
    before = earliest.next_deadline - timedelta(days=1)
    service.scan(before)
    service.scan(earliest.next_deadline + timedelta(days=1))
    kinds = [r.kind for r in service.find(ReminderQuery(case_ids=[earliest.case_id]))]
    assert sorted(kinds) == ["due_soon", "overdue"]


def test_concurrent_scans_record_each_reminder_once(many: Services, clock: FrozenClock, database_url: str) -> None:
    """Six scanners, each with its own engine and connections (as separate app processes have),
    start together; every reminder is there once, and the scanners' counts add up to it."""
    scanners = 6
    barrier = threading.Barrier(scanners)
    created: list[int] = []
    errors: list[BaseException] = []

    def scan() -> None:
        db = SqlDatabase.open(database_url)
        try:
            service = ReminderService(db, clock, policy=within_days(60))
            barrier.wait(timeout=30)
            created.append(service.scan().created)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=scan) for _ in range(scanners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    rows = _count(many.db)  # type: ignore[arg-type]
    assert rows >= 15
    assert sum(created) == rows
    with many.db.engine.connect() as conn:  # type: ignore[attr-defined]
        c = tables.reminder.c
        keys = conn.execute(select(c.case_id, c.duty, c.due_date, c.kind)).all()
    assert len(keys) == len(set(keys))


def test_reminders_scan_from_several_processes(many: Services, database_url: str) -> None:
    """``actionloop reminders scan`` started three times at once, as cron on three app servers might."""
    env = {**os.environ, "ACTIONLOOP_DATABASE_URL": database_url}
    cmd = [sys.executable, "-m", "actionloop", "reminders", "scan", "--today", TODAY.isoformat()]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    created = 0
    for out, _err in outputs:
        assert out.startswith(f"Skannet {TODAY.isoformat()}:"), out
        created += int(out.rsplit(";", 1)[1].split()[0])
    assert created == _count(many.db) >= 15  # type: ignore[arg-type]


def test_by_default_a_deadline_is_due_soon_two_school_days_ahead(stored: Services, clock: FrozenClock) -> None:
    """The engine's status, on the Norwegian calendar: Monday 24 November 2025 looks ahead to
    Wednesday 26 (two school days), not to Thursday 27."""
    service = ReminderService(stored.db, clock)  # type: ignore[arg-type]
    assert service._horizon(TODAY) == date(2025, 11, 27)
    friday = date(2025, 11, 28)
    assert service._horizon(friday) == date(2025, 12, 3)  # over the weekend: Monday 1 and Tuesday 2
