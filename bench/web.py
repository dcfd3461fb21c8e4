"""Web page benchmark: the principal's overview (``/oversikt``) with 500 open cases, one uvicorn
worker on SQLite, a few concurrent clients.

    .venv/bin/python bench/web.py                     # defaults: 500 cases, 4 clients, 6 s per measurement
    .venv/bin/python bench/web.py --cases 500 --clients 4 --seconds 10

What it does, in one run against one server (the machinery is ``bench/api.py``'s: its setup, its
server start, its minimal keep-alive HTTP/1.1 client and its statistics):

1. a fresh SQLite database: ``actionloop demo`` (``bench.api.prepare``), plus ``--cases`` open cases
   at Nordli skole spread over the loop's first steps and over the last 60 days (a third only
   reported by a teacher, a third reported on to the principal, a third under investigation;
   older ones overdue);
2. ``actionloop serve`` (one worker) pinned to CPU 0 when there are two or more, the load generator
   pinned to CPU 1; the principal of Nordli logs in through ``/logg-inn`` (a real session cookie);
3. ``--clients`` concurrent keep-alive connections, a warm-up, then each measurement for
   ``--seconds``:

   * hello world: ``GET /api/health`` (no database) — the floor;
   * the API's JSON list of the same open cases: ``GET /api/cases?closed=false&limit=1000`` with the
     principal's API token — the baseline the page is compared with;
   * the overview: ``GET /oversikt`` with the principal's session cookie (session, access rules,
     the case list, deadlines and paragraphs, the read log of the new reports, the template).
     The page keeps each row's HTML until its case, the day or a name changes; the very first view
     in each language (every row built) is timed on its own before the warm-up and printed too.

Target (issue 5): the overview with 500 open cases at p99 ≤ 150 ms. Exit status 1 if it is missed
(``--no-fail`` to always exit 0).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.api import LOOPBACK, Result, build_request, free_port, load, prepare, start_server  # noqa: E402

TARGET_P99_MS = 150.0
CHILDREN = ("n-barn1", "n-barn2", "n-barn3", "n-barn4", "n-barn5", "n-barn6")


def seed_cases(url: str, folder: Path, count: int) -> None:
    """``count`` open cases at Nordli skole, in the first steps of the loop."""
    from actionloop.adapters.db import open_services
    from actionloop.app.access import actor_id
    from actionloop.core.casefile import from_dict
    from actionloop.settings import Settings

    services = open_services(Settings(database_url=url, data_dir=folder), upgrade=False)
    try:
        teacher = services.accounts.get("laerer.nordli")
        assert teacher is not None
        start = datetime.now().astimezone() - timedelta(days=60)
        batch = []
        for i in range(count):
            at = start + timedelta(minutes=170 * i)
            events = [{"at": at.isoformat(timespec="seconds"), "type": "concern", "by": "n-laerer1",
                       "source": "child_said", "offender": "child", "text": "Benchmark: barnet sier det blir ertet."}]
            if i % 3 >= 1:
                events.append({"at": (at + timedelta(minutes=30)).isoformat(timespec="seconds"),
                               "type": "report_to_principal", "by": "n-laerer1", "to": "n-rektor"})
            if i % 3 == 2:
                events.append({"at": (at + timedelta(hours=20)).isoformat(timespec="seconds"),
                               "type": "investigation_started", "by": "n-rektor"})
            batch.append(from_dict({
                "format": "actionloop-case/1",
                "case": {"id": f"webbench-{i:05d}", "setting": "school",
                         "unit": {"id": "demo-nordli", "name": "Nordli skole (demo)", "owner": "Demo kommune"},
                         "child": {"id": CHILDREN[i % len(CHILDREN)]}, "language": "nb"},
                "people": [{"id": "n-laerer1", "role": "teacher"}, {"id": "n-rektor", "role": "principal"}],
                "events": events,
            }, f"webbench-{i}"))
            if len(batch) == 100:
                services.cases.import_cases(batch, actor=actor_id(teacher.account_id))
                batch = []
        if batch:
            services.cases.import_cases(batch, actor=actor_id(teacher.account_id))
    finally:
        services.db.dispose()  # type: ignore[attr-defined]


def log_in(port: int, username: str, password: str) -> str:
    """The Cookie header of a fresh session (through the login form, CSRF token and all)."""
    with httpx.Client(base_url=f"http://{LOOPBACK}:{port}", timeout=30) as client:
        form = client.get("/logg-inn").text
        found = re.search(r'name="csrf" value="([^"]+)"', form)
        assert found, "no CSRF token on the login page"
        r = client.post("/logg-inn", data={"username": username, "password": password, "csrf": found.group(1)})
        assert r.status_code == 303, f"login failed: {r.status_code}"
        return "; ".join(f"{name}={value}" for name, value in client.cookies.items())


def page_facts(port: int, cookie: str, token: str) -> tuple[int, int, int]:
    """(rows in the overview's case table, its size in bytes, cases in the API's list)."""
    page = httpx.get(f"http://{LOOPBACK}:{port}/oversikt", headers={"Cookie": cookie}, timeout=30)
    assert page.status_code == 200, page.status_code
    table = page.text.split('id="saker"', 1)[1]
    rows = len(re.findall(r'<th scope="row"><a href="/saker/', table))
    listed = httpx.get(f"http://{LOOPBACK}:{port}/api/cases?closed=false&limit=1000",
                       headers={"Authorization": f"Bearer {token}"}, timeout=30).json()
    return rows, len(page.content), len(listed["items"])


def cold_views(port: int, cookie: str) -> list[float]:
    """Milliseconds of the first view in each language, one request at a time: every row of the
    table is built (the page keeps a row's HTML until its case, the day or a name changes)."""
    out = []
    with httpx.Client(base_url=f"http://{LOOPBACK}:{port}", headers={"Cookie": cookie}, timeout=30) as client:
        for lang in ("nb", "nn", "en"):
            start = time.perf_counter()
            assert client.get("/oversikt", params={"lang": lang}).status_code == 200
            out.append((time.perf_counter() - start) * 1000)
    return out


async def measure(port: int, pid: int, cookie: str, token: str, clients: int, seconds: float) -> dict[str, Result]:
    hello = build_request("GET", "/api/health")
    listing = build_request("GET", "/api/cases?closed=false&limit=1000", token)
    overview = build_request("GET", "/oversikt", extra={"Cookie": cookie})

    await load(port, "warm-up hello", lambda i: hello, clients, 1.0, 10**9, 200)
    await load(port, "warm-up list", lambda i: listing, clients, 1.0, 10**9, 200)
    await load(port, "warm-up overview", lambda i: overview, clients, 1.0, 10**9, 200)
    return {
        "hello": await load(port, "hello world (GET /api/health)", lambda i: hello, clients, seconds, 200_000, 200,
                            pid),
        "list": await load(port, "API list, same cases (GET /api/cases)", lambda i: listing, clients, seconds,
                           20_000, 200, pid),
        "overview": await load(port, "overview page (GET /oversikt)", lambda i: overview, clients, seconds, 20_000,
                               200, pid),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=500, help="open cases added at Nordli skole")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--no-pin", action="store_true", help="do not pin the server and the client to CPUs")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when the target is missed")
    args = parser.parse_args()

    from actionloop.demo import DEMO_PASSWORD

    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pin = not args.no_pin and len(cpus) >= 2
    with tempfile.TemporaryDirectory(prefix="actionloop-bench-web-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        url, token, _writer = prepare(folder, 0)
        seed_cases(url, folder, args.cases)
        where = f"server on CPU {cpus[0]}, client on CPU {cpus[1]}" if pin else "not pinned"
        print(f"setup: demo + {args.cases} open cases in {time.perf_counter() - t0:.1f} s; {where}; "
              f"{args.clients} clients, {args.seconds:g} s per measurement")
        port = free_port()
        server = start_server(url, folder, port, cpus[0] if pin else None)
        try:
            if pin:
                os.sched_setaffinity(0, {cpus[1]})
            cookie = log_in(port, "rektor.nordli", DEMO_PASSWORD)
            cold = cold_views(port, cookie)
            rows, size, listed = page_facts(port, cookie, token)
            results = asyncio.run(measure(port, server.pid, cookie, token, args.clients, args.seconds))
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(f"\nthe overview lists {rows} open cases ({size / 1024:.0f} KiB of HTML); the API lists {listed}")
    print("first view, every row built (nb, nn, en; one at a time, the language cookie set on the way): "
          + ", ".join(f"{ms:.1f} ms" for ms in cold) + "\n")
    for r in results.values():
        print(r.line())
    page, listing, hello = results["overview"], results["list"], results["hello"]
    ok = page.pct(99) <= TARGET_P99_MS and not page.errors
    print(f"\n  overview p99 {page.pct(99):8.1f} ms  target ≤ {TARGET_P99_MS:.0f} ms  {'OK' if ok else 'MISSED'}  "
          f"(baseline: API JSON list of the same cases p99 {listing.pct(99):.1f} ms, hello world p99 "
          f"{hello.pct(99):.2f} ms; server CPU {page.cpu_ms:.1f} vs {listing.cpu_ms:.1f} ms/req)")
    print(f"\n  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs. Where other work shares the server's "
          "CPU, latency suffers; the server CPU per request does not.")
    errors = {k: v for r in results.values() for k, v in r.errors.items()}
    if errors:
        print(f"\n  non-2xx answers: {errors}")
    if (not ok or errors) and not args.no_fail:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
