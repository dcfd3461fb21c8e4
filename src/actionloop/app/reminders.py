"""Deadline scans and reminders: which open cases have a duty due soon or overdue, and who is told.

A scan reads the ``case_summary`` projection (each open case's next deadline and its duty) and
records one reminder per case, duty, due date and kind (``due_soon``, then ``overdue``): the
deadline's status on the Norwegian calendar as the engine gives it
(:func:`actionloop.core.deadlines.status_on` with the policy's ``due_soon``, by default 2 school
days). The
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
from actionloop.core.calendar import Calendar, calendar_for
from actionloop.core.clock import Clock, today
from actionloop.core.deadlines import OK, status_on
from actionloop.core.policy import Policy

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


def reminder_for(summary: CaseSummary, kind: str, created_at: datetime) -> Reminder | None:
    """The reminder of ``kind`` for an open case's next deadline (None if it has none)."""
    if summary.next_deadline is None or summary.next_deadline_duty is None or summary.closed_date is not None:
        return None
    return Reminder(
        case_id=summary.case_id,
        unit_id=summary.unit_id,
        owner=summary.owner,
        audience="owner" if summary.leadership_offender else "unit",
        duty=summary.next_deadline_duty,
        due_date=summary.next_deadline,
        kind=kind,
        created_at=created_at,
    )


class ReminderService:
    """Scans for due and overdue duties and records reminders (see the module's docstring)."""

    def __init__(
        self, db: ReminderDatabase, clock: Clock, *, policy: Policy | None = None, calendar: Calendar | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.soon = (policy if policy is not None else Policy()).due_soon
        self.calendar = calendar if calendar is not None else calendar_for()

    def _horizon(self, on: date) -> date:
        """The first day whose deadline is not yet due soon on ``on`` (days further ahead are not
        either), so that only deadlines before it are read."""
        day = on
        while status_on(on, day, self.soon, self.calendar) != OK:
            day += timedelta(days=1)
        return day

    def scan(self, on: date | None = None) -> ScanReport:
        """Record the reminders due on ``on`` (default: today in Oslo). Safe to run in several
        processes at once; running it again the same day records nothing new."""
        on = on if on is not None else today(self.clock)
        now = self.clock.now()
        with self.db.unit_of_work(write=True) as uow:
            wanted: list[Reminder] = []
            for s in uow.cases.summaries(CaseQuery(closed=False, deadline_before=self._horizon(on))):
                if s.next_deadline is None:
                    continue
                reminder = reminder_for(s, status_on(on, s.next_deadline, self.soon, self.calendar), now)
                if reminder is not None:
                    wanted.append(reminder)
            created = uow.reminders.add_new(wanted)
            uow.commit()
        log.info("reminder scan", extra={"due": len(wanted), "created": created})
        return ScanReport(today=on, due=len(wanted), created=created)

    def find(self, query: ReminderQuery) -> list[Reminder]:
        with self.db.unit_of_work() as uow:
            return uow.reminders.find(query)
