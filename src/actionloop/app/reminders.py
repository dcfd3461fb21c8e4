"""Deadline scans and reminders: which open cases have a duty due soon or overdue, and who is told.

A scan reads the ``case_summary`` projection (each open case's next deadline and its duty) and
records one reminder per case, duty, due date and kind (``due_soon``, then ``overdue``). The
reminder's identity is unique in the database, and a reminder is inserted only if it is not there
yet (``ON CONFLICT DO NOTHING``): several app processes may scan at once against one PostgreSQL
database and each reminder is still recorded exactly once, by whichever process came first.

Who is told follows the access rules: the unit's principal, except where a member of the
leadership is the suspected offender — then the owner (``audience``).

Reminders are an outbox: the app shows them (``GET /api/reminders``); mail delivery is not part of
this version. Logs carry counts and ids only.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from actionloop.app.ports import CaseQuery, CaseSummary, UnitOfWork
from actionloop.core.clock import Clock, today

log = logging.getLogger("actionloop.reminders")

#: The kinds of reminder, in the order a duty gets them.
KINDS = ("due_soon", "overdue")
#: Who is told: the unit's leadership, or (leadership suspected) the owner.
AUDIENCES = ("unit", "owner")


@dataclass(frozen=True, slots=True)
class Reminder:
    case_id: str
    unit_id: str
    owner: str | None
    audience: str
    duty: str
    due_date: date
    kind: str
    created_at: datetime
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ScanReport:
    """What one scan found: the open cases with a deadline within the horizon, and how many
    reminders this scan recorded (the others were there already)."""

    today: date
    due: int
    created: int


@dataclass(frozen=True, slots=True)
class ReminderQuery:
    unit_ids: Sequence[str] | None = None
    owners: Sequence[str] | None = None
    audience: str | None = None
    case_ids: Sequence[str] | None = None
    limit: int = 500


class ReminderRepository(Protocol):
    def add_new(self, reminders: Sequence[Reminder]) -> int:
        """Insert the reminders that are not recorded yet; the number inserted."""
        ...

    def find(self, query: ReminderQuery) -> list[Reminder]:
        """The reminders matching ``query``, the newest first."""
        ...


class ReminderUnitOfWork(UnitOfWork, Protocol):
    @property
    def reminders(self) -> ReminderRepository: ...

    def __enter__(self) -> ReminderUnitOfWork: ...


class ReminderDatabase(Protocol):
    def unit_of_work(self, *, write: bool = False, snapshot: bool = False) -> ReminderUnitOfWork: ...


def reminder_for(summary: CaseSummary, on: date, created_at: datetime) -> Reminder | None:
    """The reminder an open case's next deadline calls for on ``on`` (None if it has none)."""
    if summary.next_deadline is None or summary.next_deadline_duty is None or summary.closed_date is not None:
        return None
    return Reminder(
        case_id=summary.case_id,
        unit_id=summary.unit_id,
        owner=summary.owner,
        audience="owner" if summary.leadership_offender else "unit",
        duty=summary.next_deadline_duty,
        due_date=summary.next_deadline,
        kind="overdue" if summary.next_deadline < on else "due_soon",
        created_at=created_at,
    )


class ReminderService:
    """Scans for due and overdue duties and records reminders (see the module's docstring)."""

    def __init__(self, db: ReminderDatabase, clock: Clock, *, soon_days: int = 3) -> None:
        if soon_days < 0:
            raise ValueError("soon_days must not be negative")
        self.db = db
        self.clock = clock
        self.soon_days = soon_days

    def scan(self, on: date | None = None) -> ScanReport:
        """Record the reminders due on ``on`` (default: today in Oslo). Safe to run in several
        processes at once; running it again the same day records nothing new."""
        on = on if on is not None else today(self.clock)
        horizon = on + timedelta(days=self.soon_days + 1)
        now = self.clock.now()
        with self.db.unit_of_work(write=True) as uow:
            summaries = uow.cases.summaries(CaseQuery(closed=False, deadline_before=horizon))
            wanted = [r for s in summaries if (r := reminder_for(s, on, now)) is not None]
            created = uow.reminders.add_new(wanted)
            uow.commit()
        log.info("reminder scan", extra={"due": len(wanted), "created": created})
        return ScanReport(today=on, due=len(wanted), created=created)

    def find(self, query: ReminderQuery) -> list[Reminder]:
        with self.db.unit_of_work() as uow:
            return uow.reminders.find(query)
