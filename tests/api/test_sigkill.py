"""Kill ``actionloop serve`` with SIGKILL in the middle of a write load (SQLite): after a restart every
event the server acknowledged is there, with the hash it was acknowledged with, and
``actionloop verify`` passes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest

from actionloop.adapters.db import SqlDatabase
from actionloop.demo import DEMO_PASSWORD

pytestmark = pytest.mark.slow

WRITERS = 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actionloop", *args], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


@contextmanager
def server(url: str, env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "actionloop", "serve", "--port", str(port), "--database-url", url,
         "--no-access-log", "--log-level", "warning"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("actionloop serve did not start")
            time.sleep(0.1)
        yield proc, base
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_acknowledged_events_survive_sigkill(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'kill.db').as_posix()}"
    env = {**os.environ, "ACTIONLOOP_DATA_DIR": str(tmp_path), "ACTIONLOOP_SESSION_SECRET": "k" * 40}
    created = run_cli("demo", "--database-url", url, env=env)
    assert created.returncode == 0, created.stderr

    acked: list[tuple[str, int, str]] = []
    lock = threading.Lock()
    stop = threading.Event()
    start = datetime.now().astimezone() + timedelta(minutes=1)

    with server(url, env) as (proc, base):
        def writer(n: int) -> None:
            with httpx.Client(base_url=base, timeout=10) as client:
                login = client.post("/api/login", json={"username": "rektor.nordli", "password": DEMO_PASSWORD})
                assert login.status_code == 200
                step = 0
                while not stop.is_set():
                    try:
                        at = (start + timedelta(seconds=step * WRITERS + n)).isoformat(timespec="seconds")
                        made = client.post("/api/cases", json={
                            "unit_id": "demo-nordli", "child_id": "n-barn1", "source": "observed",
                            "offender": "child", "at": at,
                        })
                        if made.status_code != 201:
                            continue
                        body = made.json()
                        with lock:
                            acked.append((body["case_id"], body["seq"], body["hash"]))
                        seq = body["seq"]
                        for k in range(3):
                            step += 1
                            at = (start + timedelta(seconds=step * WRITERS + n)).isoformat(timespec="seconds")
                            r = client.post(f"/api/cases/{body['case_id']}/events", json={
                                "expected_seq": seq, "event": {"at": at, "type": "note", "text": f"skriving {k}"},
                            })
                            if r.status_code != 201:
                                break
                            seq = r.json()["seq"]
                            with lock:
                                acked.append((body["case_id"], seq, r.json()["hash"]))
                        step += 1
                    except httpx.HTTPError:
                        return  # the server is gone

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while len(acked) < 60 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=20)
        stop.set()
        for t in threads:
            t.join(timeout=30)
    assert len(acked) >= 60

    with server(url, env) as (_proc, base), httpx.Client(base_url=base, timeout=10) as client:
        assert client.post("/api/login", json={"username": "rektor.nordli", "password": DEMO_PASSWORD}).status_code == 200
        for case_id in {c for c, _, _ in acked}:
            case = client.get(f"/api/cases/{case_id}")
            assert case.status_code == 200
            seqs = {e["seq"] for e in case.json()["timeline"]}
            assert {s for c, s, _ in acked if c == case_id} <= seqs

    db = SqlDatabase.open(url)
    try:
        with db.unit_of_work() as uow:
            stored = {(e.case_id, e.seq): e.hash for e in uow.cases.all_events()}
    finally:
        db.dispose()
    for case_id, seq, hash_ in acked:
        assert stored[(case_id, seq)] == hash_
    verified = run_cli("verify", "--database-url", url, env=env)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "er i orden" in verified.stdout
