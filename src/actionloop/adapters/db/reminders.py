"""Reminders (:mod:`actionloop.app.reminders`) over SQLAlchemy Core: insert-if-new and query."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Insert, select
from sqlalchemy.dialects import postgresql, sqlite

from actionloop.adapters.db import tables as t
from actionloop.app.reminders import Reminder, ReminderQuery


class SqlReminderRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def _insert_if_new(self) -> Insert:
        """``INSERT … ON CONFLICT DO NOTHING``: a reminder another process recorded first is left
        alone; ``RETURNING`` tells whether this one inserted it (on PostgreSQL the second insert waits for the first to commit, then does nothing)."""
        if self.conn.dialect.name == "postgresql":
            return postgresql.insert(t.reminder).on_conflict_do_nothing().returning(t.reminder.c.id)
        return sqlite.insert(t.reminder).on_conflict_do_nothing().returning(t.reminder.c.id)

    def add_new(self, reminders: Sequence[Reminder]) -> int:
        created = 0
        stmt = self._insert_if_new()
        for r in reminders:
            inserted = self.conn.execute(stmt.values(
                case_id=r.case_id, unit_id=r.unit_id, owner=r.owner, audience=r.audience, duty=r.duty,
                due_date=r.due_date, kind=r.kind, created_at=r.created_at,
            )).first()
            created += inserted is not None
        return created

    def find(self, query: ReminderQuery) -> list[Reminder]:
        c = t.reminder.c
        stmt = select(t.reminder).order_by(c.created_at.desc(), c.id.desc()).limit(query.limit)
        if query.unit_ids is not None:
            stmt = stmt.where(c.unit_id.in_(list(query.unit_ids)))
        if query.owners is not None:
            stmt = stmt.where(c.owner.in_(list(query.owners)))
        if query.audience is not None:
            stmt = stmt.where(c.audience == query.audience)
        if query.case_ids is not None:
            stmt = stmt.where(c.case_id.in_(list(query.case_ids)))
        return [
            Reminder(r.case_id, r.unit_id, r.owner, r.audience, r.duty, r.due_date, r.kind, r.created_at, r.id)
            for r in self.conn.execute(stmt)
        ]
