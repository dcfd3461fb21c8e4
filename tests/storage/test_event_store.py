"""The append-only event store: appending with an expected seq, idempotency keys, the triggers that
refuse UPDATE and DELETE, the hash chain and its verification, projections and round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from actionloop.adapters.db import SqlDatabase
from actionloop.adapters.db import tables as t
from actionloop.app.cases import AppendResult
from actionloop.app.errors import CaseExists, CaseNotFound, IdempotencyKeyReused, StaleWrite
from actionloop.app.integrity import GENESIS_HASH, canonical_json, chain_hash
from actionloop.app.services import Services, build_services
from actionloop.app.workflow_bridge import WorkflowInterpreter
from actionloop.core import casefile
from actionloop.core.clock import FrozenClock
from actionloop.core.errors import CaseFileError, StepNotAllowed

from .conftest import example_dict, example_paths, load_example, truncated

WELL = "school-2025-handled-well.json"


def _count_events(db: SqlDatabase, case_id: str | None = None) -> int:
    with db.engine.connect() as conn:
        stmt = select(t.case_event.c.position)
        if case_id is not None:
            stmt = stmt.where(t.case_event.c.case_id == case_id)
        return len(conn.execute(stmt).all())


# --------------------------------------------------------------------------------------------------
# Appending


def test_append_with_expected_seq_and_stale_write(services: Services, db: SqlDatabase) -> None:
    case, rest = truncated(WELL, 3)
    first = services.cases.import_case(case, actor="u1")
    assert (first.seq, first.added) == (3, 3)

    result = services.cases.append_event(case.id, rest[0], expected_seq=3, actor="u2")
    assert (result.seq, result.added, result.replayed) == (4, 1, False)
    assert result.state is not None

    with pytest.raises(StaleWrite) as caught:
        services.cases.append_event(case.id, rest[1], expected_seq=3, actor="u2")
    assert caught.value.current_seq == 4
    assert caught.value.expected_seq == 3
    assert "4" in caught.value.message("nn")
    assert _count_events(db, case.id) == 4

    services.cases.append_event(case.id, rest[1], expected_seq=4, actor="u2")
    assert services.cases.head(case.id)[0] == 5
    assert services.cases.verify() == []


def test_stored_rows_carry_the_chain_and_who_recorded_them(services: Services, db: SqlDatabase) -> None:
    case = load_example(WELL)
    services.cases.import_case(case, actor="import-job")
    rows = services.cases.events(case.id)
    assert [r.seq for r in rows] == list(range(1, len(case.events) + 1))
    prev = GENESIS_HASH
    for row, event in zip(rows, example_dict(WELL)["events"], strict=True):
        assert row.payload == canonical_json(event)
        assert row.prev_hash == prev
        assert row.hash == chain_hash(prev, row.payload)
        assert row.hash_alg == "sha256"
        assert row.occurred_at == event["at"]
        assert row.type == event["type"]
        assert row.actor_id == "import-job"
        assert row.recorded_at.utcoffset() is not None
        assert row.workflow_id is not None and row.workflow_id.startswith("skole-oppl2023@")
        prev = row.hash
    assert services.cases.head(case.id) == (len(rows), prev)


def test_append_to_a_missing_case(services: Services) -> None:
    with pytest.raises(CaseNotFound):
        services.cases.append_event("no-such-case", {"at": "2025-01-01", "type": "note", "by": "p1"}, 0, "u1")


def test_invalid_event_is_refused_with_its_path_and_nothing_is_written(services: Services, db: SqlDatabase) -> None:
    case, _ = truncated(WELL, 3)
    services.cases.import_case(case)
    bad = {"at": "2025-09-10T10:00:00+02:00", "type": "heard", "by": "nobody", "whom": "neighbour"}
    with pytest.raises(CaseFileError) as caught:
        services.cases.append_event(case.id, bad, 3, "u1", lang="en")
    paths = {p.path for p in caught.value.problems}
    assert "$.event.whom" in paths or "$.event" in paths
    out_of_order = {"at": "2025-01-01", "type": "note", "by": "p1"}
    with pytest.raises(CaseFileError) as caught:
        services.cases.append_event(case.id, out_of_order, 3, "u1")
    assert [p.path for p in caught.value.problems] == ["$.event.at"]
    floats = {"at": "2025-09-10", "type": "note", "by": "p1", "score": 1.5}
    with pytest.raises(CaseFileError) as caught:
        services.cases.append_event(case.id, floats, 3, "u1", idempotency_key="f")
    assert [p.path for p in caught.value.problems] == ["$.event.score"]
    assert _count_events(db, case.id) == 3


def test_new_people_come_with_the_event(services: Services) -> None:
    case, _ = truncated(WELL, 3)
    services.cases.import_case(case)
    note = {"at": "2025-09-10T12:00:00+02:00", "type": "note", "by": "h1", "text": "Helsesykepleiar informert."}
    with pytest.raises(CaseFileError) as caught:
        services.cases.append_event(case.id, note, 3, "u1")
    assert [p.path for p in caught.value.problems] == ["$.event.by"]
    services.cases.append_event(case.id, note, 3, "u1", people=[{"id": "h1", "role": "health"}])
    exported = services.cases.export_case(case.id)
    assert exported.person("h1") is not None
    assert services.cases.verify() == []


def test_a_step_the_workflow_does_not_allow_is_refused(services: Services, db: SqlDatabase) -> None:
    case, rest = truncated(WELL, 1)  # only the concern
    services.cases.import_case(case)
    plan = next(e for e in rest if e["type"] == "plan")
    with pytest.raises(StepNotAllowed):
        services.cases.append_event(case.id, plan, 1, "u1")
    assert _count_events(db, case.id) == 1
    # Recording history as it happened is still possible.
    services.cases.append_event(case.id, plan, 1, "u1", check_workflow=False)
    assert _count_events(db, case.id) == 2


# --------------------------------------------------------------------------------------------------
# Idempotency


def test_a_retry_with_the_same_key_returns_the_first_result_and_adds_nothing(services: Services, db: SqlDatabase) -> None:
    case, rest = truncated(WELL, 3)
    services.cases.import_case(case)
    first = services.cases.append_event(case.id, rest[0], 3, "u1", idempotency_key="k-1")
    again = services.cases.append_event(case.id, rest[0], 3, "u1", idempotency_key="k-1")
    assert again.replayed and not first.replayed
    assert (again.case_id, again.seq, again.hash, again.added, again.state) == (
        first.case_id, first.seq, first.hash, first.added, first.state)
    assert _count_events(db, case.id) == 4
    # The same key with another request is refused; another actor's key is their own.
    with pytest.raises(IdempotencyKeyReused):
        services.cases.append_event(case.id, rest[1], 4, "u1", idempotency_key="k-1")
    other = services.cases.append_event(case.id, rest[1], 4, "u2", idempotency_key="k-1")
    assert other.seq == 5 and not other.replayed


def test_register_a_concern_idempotently(services: Services, db: SqlDatabase) -> None:
    case, _ = truncated(WELL, 1)
    first = services.cases.import_case(case, actor="u1", idempotency_key="new-1")
    again = services.cases.import_case(case, actor="u1", idempotency_key="new-1")
    assert again.replayed and again.seq == first.seq == 1
    with pytest.raises(CaseExists):
        services.cases.import_case(case, actor="u1", idempotency_key="new-2")
    assert _count_events(db) == 1


# --------------------------------------------------------------------------------------------------
# Append-only, in the database itself


@pytest.mark.parametrize("statement", [
    "UPDATE case_event SET payload = '{}' WHERE seq = 1",
    "UPDATE case_event SET actor_id = 'someone' ",
    "DELETE FROM case_event WHERE seq = 2",
    "DELETE FROM case_event",
])
def test_the_database_refuses_update_and_delete(services: Services, db: SqlDatabase, statement: str) -> None:
    services.cases.import_case(load_example(WELL))
    with db.engine.connect() as conn, pytest.raises(DBAPIError) as caught:
        conn.execute(text(statement))
    assert "append-only" in str(caught.value)
    assert services.cases.verify() == []


@pytest.mark.postgres
def test_postgresql_refuses_truncate(postgres_url: str, clock: FrozenClock, interpreter: WorkflowInterpreter) -> None:
    db = SqlDatabase.open(postgres_url)
    try:
        db.upgrade()
        build_services(db, interpreter=interpreter, clock=clock).cases.import_case(load_example(WELL))
        with db.engine.connect() as conn, pytest.raises(DBAPIError) as caught:
            conn.execute(text("TRUNCATE case_event CASCADE"))
        assert "append-only" in str(caught.value)
    finally:
        db.dispose()


def _drop_triggers(db: SqlDatabase) -> None:
    with db.engine.begin() as conn:
        if db.kind == "sqlite":
            conn.execute(text("DROP TRIGGER case_event_no_update"))
            conn.execute(text("DROP TRIGGER case_event_no_delete"))
        else:
            conn.execute(text("DROP TRIGGER case_event_no_update_delete ON case_event"))


def test_verify_names_the_case_whose_log_was_altered(services: Services, db: SqlDatabase) -> None:
    for path in example_paths():
        services.cases.import_case(casefile.load(path))
    victim = "nordli-2025-014"
    _drop_triggers(db)
    with db.engine.begin() as conn:
        row = conn.execute(text("SELECT payload FROM case_event WHERE case_id = :c AND seq = 4"), {"c": victim}).one()
        altered = json.loads(row.payload)
        altered["child_view"] = "safe"
        conn.execute(text("UPDATE case_event SET payload = :p WHERE case_id = :c AND seq = 4"),
                     {"p": canonical_json(altered), "c": victim})
    broken = services.cases.verify()
    assert [(b.case_id, b.seq, b.reason) for b in broken] == [(victim, 4, "hash_mismatch")]
    assert services.cases.verify("bakken-2023-007") == []


def test_verify_sees_a_rehashed_row_and_a_cut_off_tail(services: Services, db: SqlDatabase) -> None:
    services.cases.import_case(load_example(WELL))
    case_id = load_example(WELL).id
    _drop_triggers(db)
    with db.engine.begin() as conn:
        # Whoever alters an event and fixes its own hash still breaks the next event's link.
        row = conn.execute(text("SELECT prev_hash, payload FROM case_event WHERE case_id = :c AND seq = 2"),
                           {"c": case_id}).one()
        payload = row.payload.replace('"p1"', '"p3"')
        conn.execute(text("UPDATE case_event SET payload = :p, hash = :h WHERE case_id = :c AND seq = 2"),
                     {"p": payload, "h": chain_hash(row.prev_hash, payload), "c": case_id})
    assert [(b.seq, b.reason) for b in services.cases.verify()] == [(3, "prev_hash_mismatch")]
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM case_event WHERE case_id = :c AND seq >= 2"), {"c": case_id})
    assert [(b.seq, b.reason) for b in services.cases.verify()] == [(2, "head_mismatch")]


# --------------------------------------------------------------------------------------------------
# Import, export, projections


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_export_after_import_gives_back_the_file(services: Services, path: Path) -> None:
    original = casefile.load(path)
    services.cases.import_case(original)
    exported = services.cases.export_case(original.id)
    assert exported.to_dict() == json.loads(path.read_text("utf-8"))
    assert [e.to_dict() for e in exported.events] == [e.to_dict() for e in original.events]
    assert casefile.dumps(exported) == path.read_text("utf-8")
    assert casefile.dumps(exported, "yaml") == casefile.dumps(original, "yaml")


def test_import_is_all_or_nothing(services: Services, db: SqlDatabase) -> None:
    cases = [casefile.load(p) for p in example_paths()]
    services.cases.import_case(cases[1])
    with pytest.raises(CaseExists) as caught:
        services.cases.import_cases(cases)
    assert caught.value.case_id == cases[1].id
    assert [s.case_id for s in services.cases.list_cases()] == [cases[1].id]
    assert _count_events(db) == len(cases[1].events)
    results = services.cases.import_cases([c for i, c in enumerate(cases) if i != 1])
    assert all(isinstance(r, AppendResult) for r in results)
    assert sorted(c.id for c in services.cases.export_all()) == sorted(c.id for c in cases)


def test_projections_rebuilt_equal_live(services: Services) -> None:
    for path in example_paths():
        case = casefile.load(path)
        keep = max(1, len(case.events) // 2)
        head, rest = truncated(path.name, keep)
        services.cases.import_case(head, actor="importer")
        seq = keep
        for event in rest:
            services.cases.append_event(head.id, event, seq, "staff-1", check_workflow=False)
            seq += 1
    live = services.cases.live_summaries()
    assert len(live) == len(example_paths())
    assert services.cases.rebuild_projections() == len(live)
    rebuilt = services.cases.live_summaries()
    assert rebuilt == live
    by_id = {s.case_id: s for s in live}
    staff_case = by_id["solsikken-2025-002"]
    assert staff_case.staff_offender and staff_case.serious and staff_case.setting == "kindergarten"
    assert by_id["nordli-2025-014"].closed_date is not None
    assert all(s.opened_by == "importer" for s in live)


def test_case_list_filters(services: Services) -> None:
    for path in example_paths():
        services.cases.import_case(casefile.load(path))
    from actionloop.app.ports import CaseQuery

    q = services.cases.list_cases
    assert {s.case_id for s in q(CaseQuery(unit_ids=["u-nordli"]))} == {"nordli-2025-014", "nordli-2025-031"}
    assert {s.case_id for s in q(CaseQuery(staff_or_leadership=True))} == {"solsikken-2025-002"}
    assert {s.case_id for s in q(CaseQuery(closed=False))} == {"bakken-2023-007"}
    assert len(q(CaseQuery(limit=2))) == 2
    opened = [s.opened_date for s in q(CaseQuery()) if s.opened_date is not None]
    assert opened == sorted(opened, reverse=True)
    with pytest.raises(CaseNotFound):
        services.cases.summary("nope")
