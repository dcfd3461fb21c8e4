"""Storage benchmark: what the service layer costs per write and per read, on SQLite and PostgreSQL.

    .venv/bin/python bench/storage.py                 # SQLite (a temporary file)
    .venv/bin/python bench/storage.py --pg            # and PostgreSQL (ACTIONLOOP_TEST_DATABASE_URL)
    .venv/bin/python bench/storage.py --cases 2000 --threads 16

Measures, with the workflow engine in the loop (state, deadlines and step checks on every write):
registering a concern (a new case with one event), appending the steps of a case one by one
(expected seq + idempotency key), the same registration from several threads at once, listing 500
cases, verifying every chain and rebuilding the projections. Prints p50/p99 and rates.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from actionloop.adapters.db import SqlDatabase
from actionloop.app.ports import CaseQuery
from actionloop.app.services import Services, build_services
from actionloop.app.workflow_bridge import WorkflowInterpreter
from actionloop.core import casefile

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = json.loads((ROOT / "examples" / "school-2025-handled-well.json").read_text("utf-8"))
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def case_dict(case_id: str, events: int) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(EXAMPLE)
    data["case"]["id"] = case_id
    data["events"] = data["events"][:events]
    return data


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(name: str, seconds: list[float], total: float | None = None) -> None:
    total = total if total is not None else sum(seconds)
    ms = [s * 1000 for s in seconds]
    print(f"  {name:<44} n={len(ms):>5}  p50 {statistics.median(ms):7.2f} ms  p99 {pct(ms, 99):7.2f} ms  "
          f"{len(ms) / total:8.0f}/s")


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(services: Services, cases: int, threads: int) -> None:
    prefix = uuid.uuid4().hex[:6]
    # Register concerns, one at a time.
    registered = []
    for i in range(cases):
        case = casefile.from_dict(case_dict(f"{prefix}-{i}", 1))
        start = time.perf_counter()
        services.cases.import_case(case, actor="bench", idempotency_key=f"new-{prefix}-{i}")
        registered.append(time.perf_counter() - start)
    report("register a concern (1 event)", registered)

    # Append the rest of the loop to a share of them, step by step.
    steps = EXAMPLE["events"][1:]
    appended: list[float] = []
    for i in range(min(cases, 200)):
        case_id = f"{prefix}-{i}"
        for seq, event in enumerate(steps, start=1):
            start = time.perf_counter()
            services.cases.append_event(case_id, event, seq, "bench", idempotency_key=f"{case_id}-{seq}")
            appended.append(time.perf_counter() - start)
    report(f"append a step (cases of 2–{len(steps) + 1} events)", appended)

    # Many clients registering at once.
    per_thread = max(1, cases // threads)
    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def client(t: int) -> None:
        mine = []
        barrier.wait()
        for j in range(per_thread):
            case = casefile.from_dict(case_dict(f"{prefix}-t{t}-{j}", 1))
            began = time.perf_counter()
            services.cases.import_case(case, actor=f"c{t}")
            mine.append(time.perf_counter() - began)
        with lock:
            latencies.extend(mine)

    start = time.perf_counter()
    workers = [threading.Thread(target=client, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    report(f"register a concern, {threads} threads", latencies, time.perf_counter() - start)

    listing = [timed(lambda: services.cases.list_cases(CaseQuery(limit=500))) for _ in range(50)]
    report("list 500 cases (case_summary)", listing)
    total = len(services.cases.list_cases())
    start = time.perf_counter()
    broken = services.cases.verify()
    elapsed = time.perf_counter() - start
    print(f"  verify every chain: {total} cases in {elapsed:.2f} s ({total / elapsed:.0f} cases/s), broken: {len(broken)}")
    start = time.perf_counter()
    count = services.cases.rebuild_projections()
    elapsed = time.perf_counter() - start
    print(f"  rebuild projections: {count} cases in {elapsed:.2f} s ({count / elapsed:.0f} cases/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--pg", action="store_true", help="also run on PostgreSQL")
    args = parser.parse_args()
    interpreter = WorkflowInterpreter()
    with tempfile.TemporaryDirectory() as tmp:
        db = SqlDatabase.open(f"sqlite:///{tmp}/bench.db")
        db.upgrade()
        print(f"SQLite {db.engine.dialect.server_version_info} (WAL, synchronous=NORMAL), {args.cases} cases")
        run(build_services(db, interpreter=interpreter), args.cases, args.threads)
        db.dispose()
    if args.pg:
        base = os.environ.get("ACTIONLOOP_TEST_DATABASE_URL") or PG_DEFAULT
        schema = "bench_" + uuid.uuid4().hex[:8]
        admin = create_engine(base)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            db = SqlDatabase.open(f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}")
            db.upgrade()
            print(f"PostgreSQL {db.engine.dialect.server_version_info}, {args.cases} cases")
            run(build_services(db, interpreter=interpreter), args.cases, args.threads)
            db.dispose()
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
