"""The read log (:mod:`actionloop.app.readlog`) over SQLAlchemy Core (insert and query, nothing else), and
the change marker of :mod:`actionloop.app.caselist`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select

from actionloop.adapters.db import tables as t
from actionloop.app.readlog import CaseRead, ReadQuery


class SqlReadLogRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, read: CaseRead) -> None:
        self.conn.execute(insert(t.case_read).values(
            case_id=read.case_id, account_id=read.account_id, read_at=read.read_at, what=read.what,
        ))

    def find(self, query: ReadQuery) -> list[CaseRead]:
        c = t.case_read.c
        stmt = select(t.case_read).order_by(c.read_at.desc(), c.id.desc())
        if query.case_ids is not None:
            stmt = stmt.where(c.case_id.in_(list(query.case_ids)))
        if query.since is not None:
            stmt = stmt.where(c.read_at >= query.since)
        if query.until is not None:
            stmt = stmt.where(c.read_at < query.until)
        stmt = stmt.limit(query.limit).offset(query.offset)
        return [CaseRead(r.case_id, r.account_id, r.read_at, r.what, r.id) for r in self.conn.execute(stmt)]


class SqlChangeMarker:
    """A value that changes whenever a case or an event is stored (SQLite), so that what was read
    from ``case_summary`` can be kept until then. On SQLite one writer at a time inserts, so the
    largest event position and case rowid only grow, in commit order. PostgreSQL sequences do not
    commit in order: there is no marker (None), and nothing may be kept."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def marker(self) -> str | None:
        if self.conn.dialect.name != "sqlite":
            return None
        row = self.conn.exec_driver_sql(MARKER_SQL).first()
        return marker_text(row)


#: The change marker (SQLite): one statement, so both values are read at one moment.
MARKER_SQL = "SELECT (SELECT max(position) FROM case_event), (SELECT max(rowid) FROM case_record)"


def marker_text(row: Any) -> str | None:
    return f"{row[0]}:{row[1]}" if row is not None else None
