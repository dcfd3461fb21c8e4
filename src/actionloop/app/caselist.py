"""Case list queries, kept in memory until a case or an event is stored.

The API lists the same cases again and again (a unit's principal, an owner's overview); each list
reads hundreds of summary rows. Where the database gives a change marker (SQLite, see
``actionloop.adapters.db.reads.SqlChangeMarker``) the rows of a query are kept with the marker and
used while it is unchanged — the marker and the rows are read in one transaction, so what is kept
is exactly what the database held. Without a marker (PostgreSQL) every list is read afresh.
"""

from __future__ import annotations

import builtins
import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
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

    def change_marker(self) -> str | None:
        """The marker read on its own (cheaper than a unit of work), None where there is none."""
        ...


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
        #: Held while lists are read from the database: requests that miss at the same moment (the
        #: first lists after a write, say) read once, the first, and the others take what it kept,
        #: instead of each reading the same hundreds of rows.
        self._reading = threading.Lock()
        #: How many times lists were read from the database (for tests and diagnostics).
        self.reads = 0
        self._kept: OrderedDict[Hashable, tuple[str, list[CaseSummary]]] = OrderedDict()
        #: The last summary object read of each case (see :meth:`_interned`).
        self._seen: dict[str, CaseSummary] = {}

    def list(self, query: CaseQuery) -> list[CaseSummary]:
        return self.list_many([query])[0]

    def list_many(self, queries: Sequence[CaseQuery]) -> builtins.list[builtins.list[CaseSummary]]:
        """The rows of each query, all as of one moment (one transaction, one marker read)."""
        keys = [_key(q) for q in queries]
        # Most lists are kept and unchanged: the marker alone says so, without a transaction.
        marker = self.db.change_marker()
        if marker is not None:
            with self._lock:
                found = [self._kept.get(key) for key in keys]
                if all(kept is not None and kept[0] == marker for kept in found):
                    for key in keys:
                        self._kept.move_to_end(key)
                    return [kept[1] for kept in found if kept is not None]
        if marker is None:  # nothing is kept: every list is read afresh, in parallel
            return self._read(queries, keys)
        with self._reading:
            return self._read(queries, keys)

    def _read(
        self, queries: Sequence[CaseQuery], keys: builtins.list[Hashable]
    ) -> builtins.list[builtins.list[CaseSummary]]:
        """The rows of each query: kept ones as of the marker read now (another request may have
        just read them), the others from the database, and kept."""
        out: builtins.list[builtins.list[CaseSummary] | None] = [None] * len(queries)
        with self.db.unit_of_work() as uow:
            marker = uow.changes.marker()
            if marker is not None:
                with self._lock:
                    for i, key in enumerate(keys):
                        kept = self._kept.get(key)
                        if kept is not None and kept[0] == marker:
                            self._kept.move_to_end(key)
                            out[i] = kept[1]
            for i, query in enumerate(queries):
                if out[i] is None:
                    self.reads += 1
                    out[i] = self._interned(uow.cases.summaries(query))
        if marker is not None:
            with self._lock:
                for key, rows in zip(keys, out, strict=True):
                    assert rows is not None
                    self._kept[key] = (marker, rows)
                    self._kept.move_to_end(key)
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        return [rows for rows in out if rows is not None]

    def _interned(self, rows: builtins.list[CaseSummary]) -> builtins.list[CaseSummary]:
        """``rows`` with each row that equals the one read before replaced by that same object: a
        case that did not change keeps its summary object (what is built from it can be kept)."""
        with self._lock:
            seen = self._seen
            if len(seen) > 200_000:
                seen.clear()
            out = []
            for row in rows:
                old = seen.get(row.case_id)
                if old is not None and old == row:
                    out.append(old)
                else:
                    seen[row.case_id] = row
                    out.append(row)
            return out
