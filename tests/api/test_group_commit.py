"""Group commit in the writer thread (SQLite): writes that queue up while one runs share one
transaction, each still checked and undone on its own, and none is answered before the commit."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from actionloop.api.writer import WriterThread

from .server import serving
from .world import World


class _Group:
    """A stand-in for the database's write group: records what ran inside it; can fail its commit."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.inside = False
        self.groups: list[list[str]] = []
        self.committed: list[str] = []

    @contextmanager
    def __call__(self) -> Iterator[None]:
        self.inside = True
        self.groups.append([])
        try:
            yield
        finally:
            self.inside = False
        if self.fail:
            raise OSError("disk full")
        self.committed += self.groups[-1]


def _run_jobs(group: _Group, specs: list[tuple[str, bool, bool]]) -> list[Any]:
    """Queue the jobs (name, groupable, fails) while the writer is busy with a first, blocking job;
    then let it go. The outcome of each job (its result or its exception)."""
    gate = threading.Event()
    seen: dict[str, bool] = {}

    async def main() -> list[Any]:
        writer = WriterThread(group)
        try:
            def blocker() -> str:
                gate.wait(10)
                return "blocker"

            first = asyncio.ensure_future(writer.run(blocker, (), groupable=False))
            await asyncio.sleep(0.05)

            def job(name: str, fails: bool) -> str:
                seen[name] = group.inside
                if group.inside:
                    group.groups[-1].append(name)
                if fails:
                    raise ValueError(name)
                return name

            tasks = [asyncio.ensure_future(writer.run(job, (name, fails), groupable=groupable))
                     for name, groupable, fails in specs]
            await asyncio.sleep(0.05)
            assert not any(t.done() for t in tasks)
            gate.set()
            assert await first == "blocker"
            return list(await asyncio.gather(*tasks, return_exceptions=True))
        finally:
            writer.stop()

    out = asyncio.run(main())
    for (name, groupable, _), _outcome in zip(specs, out, strict=True):
        assert seen[name] is groupable
    return out


def test_waiting_writes_share_one_commit_each_checked_on_its_own() -> None:
    group = _Group()
    out = _run_jobs(group, [("a", True, False), ("b", True, True), ("c", True, False), ("solo", False, False),
                            ("d", True, False)])
    assert out[0] == "a" and out[2] == "c" and out[3] == "solo" and out[4] == "d"
    assert isinstance(out[1], ValueError)
    # a, b and c queued together; the write that may not share a transaction ran alone, between
    assert group.groups == [["a", "b", "c"], ["d"]]
    assert group.committed == ["a", "b", "c", "d"]


def test_a_failed_commit_fails_every_write_of_the_group() -> None:
    group = _Group(fail=True)
    out = _run_jobs(group, [("a", True, False), ("b", True, True), ("c", True, False)])
    assert isinstance(out[0], OSError) and isinstance(out[2], OSError)
    assert isinstance(out[1], ValueError)  # its own error, not the commit's
    assert group.committed == []


@pytest.mark.slow
def test_concurrent_registrations_over_http(fresh_app: tuple[FastAPI, World]) -> None:
    """Many registrations at once (grouped on SQLite), two of them the same request with one
    Idempotency-Key: every one answered 201, one case per request, and the logs verify."""
    app, world = fresh_app
    services = app.state.api.services
    before = {s.case_id for s in services.cases.list_cases()}
    n = 24
    results: list[dict[str, Any]] = [{} for _ in range(n + 2)]
    with serving(app) as base:
        barrier = threading.Barrier(n + 2)

        def register(i: int) -> None:
            key = "same-key" if i >= n else None
            body = {"unit_id": "u1", "child_id": "k1", "source": "observed", "offender": "child",
                    "text": f"bekymring {min(i, n)}", "at": f"2025-10-01T10:{min(i, n):02d}:00+02:00"}
            headers = {**world.headers("staff1"), **({"Idempotency-Key": key} if key else {})}
            with httpx.Client(base_url=base, timeout=60) as client:
                barrier.wait()
                response = client.post("/api/cases", json=body, headers=headers)
            results[i] = {"status": response.status_code, **response.json()}

        threads = [threading.Thread(target=register, args=(i,)) for i in range(n + 2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert all(r["status"] == 201 for r in results), results
    ids = [r["case_id"] for r in results]
    assert len(set(ids[:n])) == n and ids[n] == ids[n + 1] and ids[n] not in ids[:n]
    assert sorted(r["replayed"] for r in results[n:]) == [False, True]
    stored = {s.case_id for s in services.cases.list_cases()} - before
    assert stored == set(ids)
    for r in results:
        assert services.cases.head(r["case_id"]) == (r["seq"], r["hash"])
    assert services.cases.verify() == []
