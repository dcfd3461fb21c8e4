"""Two clients write to the same case at the same moment, over real HTTP: one wins, the other gets
409 with the current state; no event is lost or stored twice, and the chain verifies. On
PostgreSQL (the row lock decides) and on SQLite (the write lock does)."""

from __future__ import annotations

import threading

import httpx
from fastapi import FastAPI

from .server import serving
from .world import World

ROUNDS = 15


def test_two_clients_race_for_the_same_case(fresh_app: tuple[FastAPI, World]) -> None:
    app, world = fresh_app
    case_id = world.case_ids["A"]
    services = app.state.api.services
    headers = [world.headers("principal1"), world.headers("handler1")]
    outcomes: list[list[int]] = []
    with serving(app) as base:
        clients = [httpx.Client(base_url=base, timeout=30) for _ in headers]
        try:
            seq = services.cases.head(case_id)[0]
            for round_no in range(ROUNDS):
                barrier = threading.Barrier(2)
                statuses: list[int] = [0, 0]
                bodies: list[dict[str, object]] = [{}, {}]

                def write(i: int, seq: int = seq, round_no: int = round_no, barrier: threading.Barrier = barrier,
                          statuses: list[int] = statuses, bodies: list[dict[str, object]] = bodies) -> None:
                    event = {"at": f"2025-09-30T{8 + round_no // 6:02d}:{(round_no % 6) * 10 + i:02d}:00+02:00",
                             "type": "note", "by": "p1" if i == 0 else "h1", "text": f"runde {round_no} klient {i}"}
                    barrier.wait()
                    response = clients[i].post(f"/api/cases/{case_id}/events",
                                               json={"expected_seq": seq, "event": event}, headers=headers[i])
                    statuses[i] = response.status_code
                    bodies[i] = response.json()

                threads = [threading.Thread(target=write, args=(i,)) for i in range(2)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                assert sorted(statuses) == [201, 409], bodies
                loser = bodies[statuses.index(409)]
                assert loser["error"] == "stale_write"
                assert loser["current_seq"] == seq + 1
                assert loser["state"] is not None
                outcomes.append(statuses)
                seq += 1
        finally:
            for c in clients:
                c.close()
    events = services.cases.events(case_id)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    notes = [e for e in events if e.type == "note"]
    assert len(notes) == ROUNDS
    assert services.cases.verify() == []
    assert services.cases.summary(case_id).last_seq == len(events)
