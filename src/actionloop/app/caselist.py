"""Case list queries, kept in memory until a case or an event is stored.

The API lists the same cases again and again (a unit's principal, an owner's overview); each list
reads hundreds of summary rows. Where the database gives a change marker (SQLite, see
``actionloop.adapters.db.reads.SqlChangeMarker``) the rows of a query are kept with the marker and
used while it is unchanged — the marker and the rows are read in one transaction, so what is kept
is exactly what the database held. Without a marker (PostgreSQL) every list is read afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Protocol

from actionloop.app.ports import CaseQuery, CaseSummary, UnitOfWork


class ChangeMarker(Protocol):
    def marker(self) -> str | None: ...


class MarkedUnitOfWork(UnitOfWork, Protocol):
    @property
    def changes(self) -> ChangeMarker: ...

    def __enter__(self) -> MarkedUnitOfWork: ...


class MarkedDatabase(Protocol):
    def unit_of_work(self, *, write: bool = False, snapshot: bool = False) -> MarkedUnitOfWork: ...


def _key(query: CaseQuery) -> Hashable:
    def seq(values: object) -> tuple[str, ...] | None:
        return tuple(values) if isinstance(values, (list, tuple)) else None

    return (seq(query.unit_ids), seq(query.owners), seq(query.states), query.closed, query.serious,
            query.staff_or_leadership, query.opened_by, query.deadline_before, seq(query.case_ids), query.limit,
            query.offset)


class CaseListCache:
    def __init__(self, db: MarkedDatabase, size: int = 512) -> None:
        self.db = db
        self.size = size
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, tuple[str, list[CaseSummary]]] = OrderedDict()

    def list(self, query: CaseQuery) -> list[CaseSummary]:
        key = _key(query)
        with self.db.unit_of_work() as uow:
            marker = uow.changes.marker()
            if marker is not None:
                with self._lock:
                    kept = self._kept.get(key)
                    if kept is not None and kept[0] == marker:
                        self._kept.move_to_end(key)
                        return kept[1]
            rows = uow.cases.summaries(query)
        if marker is not None:
            with self._lock:
                self._kept[key] = (marker, rows)
                self._kept.move_to_end(key)
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        return rows
