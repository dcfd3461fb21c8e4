"""The read log: every read of a case, by whom and when (never what was in it).

The owner (and an auditor, and the administrator) can read this log; it is append-only like the
case log. Storage is a repository on the unit of work (``uow.reads``) of a database that has one
(:class:`ReadLogDatabase`; the SQL adapter does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from actionloop.app.ports import UnitOfWork
from actionloop.core.clock import Clock

#: What was read: the case view, its audit, an export, a document.
READ_KINDS = ("case", "audit", "export", "document")


@dataclass(frozen=True, slots=True)
class CaseRead:
    case_id: str
    account_id: int
    read_at: datetime
    what: str
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ReadQuery:
    case_ids: Sequence[str] | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 500
    offset: int = 0


class ReadLogRepository(Protocol):
    def add(self, read: CaseRead) -> None: ...

    def find(self, query: ReadQuery) -> list[CaseRead]:
        """The reads matching ``query``, the newest first."""
        ...


class ReadLogUnitOfWork(UnitOfWork, Protocol):
    @property
    def reads(self) -> ReadLogRepository: ...

    def __enter__(self) -> ReadLogUnitOfWork: ...


class ReadLogDatabase(Protocol):
    def unit_of_work(self, *, write: bool = False, snapshot: bool = False) -> ReadLogUnitOfWork: ...


class ReadLog:
    def __init__(self, db: ReadLogDatabase, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def record(self, case_id: str, account_id: int, what: str) -> CaseRead:
        read = CaseRead(case_id, account_id, self.clock.now(), what)
        with self.db.unit_of_work(write=True) as uow:
            uow.reads.add(read)
            uow.commit()
        return read

    def find(self, query: ReadQuery) -> list[CaseRead]:
        with self.db.unit_of_work() as uow:
            return uow.reads.find(query)
