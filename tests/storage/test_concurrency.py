"""Two (or more) writers on the same case at once: exactly one wins, the others get StaleWrite with
the current seq; no event is lost or duplicated and the chain verifies afterwards."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from actionloop.adapters.db import SqlDatabase
from actionloop.app.cases import AppendResult
from actionloop.app.errors import StaleWrite
from actionloop.app.services import Services

from .conftest import truncated

WELL = "school-2025-handled-well.json"


def _race(services: Services, case_id: str, event: dict[str, Any], expected: int, writers: int,
          key: str | None = None) -> list[object]:
    barrier = threading.Barrier(writers)
    outcomes: list[object] = [None] * writers

    def write(i: int) -> None:
        barrier.wait()
        try:
            outcomes[i] = services.cases.append_event(
                case_id, event, expected, actor="same-user" if key else f"writer-{i}", idempotency_key=key)
        except Exception as exc:  # collected and asserted on below
            outcomes[i] = exc

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    return outcomes


@pytest.mark.parametrize("writers", [2, 8])
def test_concurrent_writers_one_wins(services: Services, db: SqlDatabase, writers: int) -> None:
    case, rest = truncated(WELL, 3)
    services.cases.import_case(case)
    for round_no in range(3):
        expected = 3 + round_no
        outcomes = _race(services, case.id, rest[round_no], expected, writers)
        wins = [o for o in outcomes if not isinstance(o, Exception)]
        stale = [o for o in outcomes if isinstance(o, StaleWrite)]
        assert len(wins) == 1, outcomes
        assert len(stale) == writers - 1, outcomes
        assert all(s.current_seq == expected + 1 for s in stale)
    rows = services.cases.events(case.id)
    assert [r.seq for r in rows] == list(range(1, 7))
    assert len({r.hash for r in rows}) == 6
    assert services.cases.verify() == []
    assert services.cases.summary(case.id).last_seq == 6


def test_concurrent_retries_with_one_key_add_one_event(services: Services) -> None:
    case, rest = truncated(WELL, 3)
    services.cases.import_case(case)
    outcomes = _race(services, case.id, rest[0], 3, 4, key="retry-1")
    results = [o for o in outcomes if isinstance(o, AppendResult)]
    assert len(results) == 4, outcomes
    assert {r.seq for r in results} == {4}
    assert sum(1 for r in results if not r.replayed) == 1
    assert len(services.cases.events(case.id)) == 4
    assert services.cases.verify() == []
