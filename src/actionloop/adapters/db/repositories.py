"""The storage ports (:mod:`actionloop.app.ports`) over SQLAlchemy Core, one connection per unit of work.

The event log has no update and no delete here: the only write to ``case_event`` is an insert.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Table,
    and_,
    bindparam,
    delete,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, IntegrityError

from actionloop.adapters.db import tables as t
from actionloop.app.ports import (
    Account,
    AccountRole,
    ApiToken,
    CaseQuery,
    CaseRecord,
    CaseSummary,
    DuplicateKey,
    Enrolment,
    Guardian,
    Guardianship,
    IdempotencyRecord,
    LoginAttempt,
    OrgChild,
    OrgUnit,
    Owner,
    Roster,
    StaffMember,
    StaffRole,
    StoredEvent,
)

_STREAM = {"stream_results": True, "yield_per": 1000}


def _is_unique_violation(exc: IntegrityError) -> bool:
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate is not None:
        return bool(sqlstate == "23505")
    text = str(orig)
    return "UNIQUE constraint failed" in text or "PRIMARY KEY" in text


def _insert(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]] | Mapping[str, Any]) -> None:
    """Insert, turning a unique-constraint violation into :class:`DuplicateKey`."""
    if isinstance(rows, Sequence) and not rows:
        return
    try:
        if isinstance(rows, Sequence) and len(rows) > 1:
            conn.execute(_insert_statement(table.name), rows)
        else:
            _execute_one(conn, _insert_statement(table.name), rows[0] if isinstance(rows, Sequence) else rows)
    except IntegrityError as exc:
        if _is_unique_violation(exc):
            raise DuplicateKey(table.name) from None
        raise


#: Single-row inserts on SQLite go straight to the driver (see :func:`_execute_one`).
DRIVER_INSERTS = True


@lru_cache(maxsize=128)
def _driver_plan(dialect: Dialect, stmt: Any, columns: tuple[str, ...]) -> tuple[str, tuple[tuple[str, Any], ...]]:
    """``stmt`` for these columns as SQLAlchemy compiles it for ``dialect`` (the SQL text, and each
    parameter's name with the bind processor SQLAlchemy applies to its type), made once."""
    compiled = stmt.compile(dialect=dialect, column_keys=list(columns))
    names = compiled.positiontup or []
    plan = tuple((compiled.binds[n].key, compiled.binds[n].type.dialect_impl(dialect).bind_processor(dialect))
                 for n in names)
    return compiled.string, plan


def _execute_one(conn: Connection, stmt: Any, row: Mapping[str, Any]) -> None:
    """Execute ``stmt`` (an insert or upsert without RETURNING) for one row. On SQLite the
    statement SQLAlchemy compiled, with the values its type processors give, goes straight to the
    driver, on the connection's own transaction: the same row is stored, without the execution
    machinery around it (which costs more than the insert). Errors come as SQLAlchemy's (an
    ``IntegrityError`` for a taken key). Elsewhere SQLAlchemy executes it."""
    if conn.dialect.name != "sqlite" or not DRIVER_INSERTS:
        conn.execute(stmt, row)
        return
    sql, plan = _driver_plan(conn.dialect, stmt, tuple(row))
    params = tuple(row[k] if process is None else process(row[k]) for k, process in plan)
    driver: Any = conn.connection.driver_connection
    dbapi = conn.dialect.loaded_dbapi
    try:
        driver.execute(sql, params)
    except dbapi.Error as exc:
        raise DBAPIError.instance(sql, params, exc, dbapi.Error) from exc


@lru_cache(maxsize=64)
def _insert_statement(table_name: str) -> Any:
    """``INSERT INTO table`` (columns from the parameters), built once: a statement object made once
    has its cache key worked out once, and SQLAlchemy compiles it once per set of columns."""
    return insert(t.metadata.tables[table_name])


# The statements of the hot paths (registering, appending, listing), built once with bound
# parameters for the same reason.
_RECORD_BY_ID = select(t.case_record).where(t.case_record.c.case_id == bindparam("case_id"))
_RECORD_LOCK = _RECORD_BY_ID.with_for_update()
_EVENTS_OF = select(t.case_event).where(t.case_event.c.case_id == bindparam("case_id")).order_by(t.case_event.c.seq)
_SUMMARY_BY_ID = select(t.case_summary).where(t.case_summary.c.case_id == bindparam("case_id"))
_SET_HEAD = (
    update(t.case_record).where(t.case_record.c.case_id == bindparam("key_case_id"))
    .values(head_seq=bindparam("head_seq"), head_hash=bindparam("head_hash"), people_json=bindparam("people_json"))
)
_IDEMPOTENCY = select(t.idempotency_key).where(
    t.idempotency_key.c.actor_id == bindparam("actor_id"), t.idempotency_key.c.key == bindparam("key"),
)


@lru_cache(maxsize=64)
def _upsert_statement(dialect_name: str, table_name: str, keys: tuple[str, ...], columns: tuple[str, ...]) -> Any:
    """``INSERT … ON CONFLICT (keys) DO UPDATE`` for ``columns``, built once (and so compiled once)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    table = t.metadata.tables[table_name]
    stmt = dialect.insert(table)
    others = {c: stmt.excluded[c] for c in columns if c not in keys}
    if others:
        return stmt.on_conflict_do_update(index_elements=list(keys), set_=others)
    return stmt.on_conflict_do_nothing(index_elements=list(keys))


def _upsert(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> None:
    """Insert or update ``rows`` (all with the same columns) by their primary key ``keys``."""
    if not rows:
        return
    stmt = _upsert_statement(conn.dialect.name, table.name, tuple(keys), tuple(rows[0]))
    if len(rows) == 1:
        _execute_one(conn, stmt, rows[0])
    else:
        conn.execute(stmt, list(rows))


def _ordered_id(conn: Connection, column: ColumnElement[str]) -> ColumnElement[str]:
    """``column`` for ORDER BY in code point order (what Python's string order is), on both backends."""
    return column.collate("C") if conn.dialect.name == "postgresql" else column


# --------------------------------------------------------------------------------------------------
# Cases


def _record(row: Row[Any]) -> CaseRecord:
    m = row._mapping
    return CaseRecord(
        case_id=m["case_id"], setting=m["setting"], unit_id=m["unit_id"], owner=m["owner"], child_id=m["child_id"],
        language=m["language"], case_json=m["case_json"], people_json=m["people_json"], head_seq=m["head_seq"],
        head_hash=m["head_hash"], created_at=m["created_at"],
    )


def _event(row: Row[Any]) -> StoredEvent:
    m = row._mapping
    return StoredEvent(
        case_id=m["case_id"], seq=m["seq"], type=m["type"], occurred_at=m["occurred_at"],
        recorded_at=m["recorded_at"], actor_id=m["actor_id"], workflow_id=m["workflow_id"], payload=m["payload"],
        hash_alg=m["hash_alg"], prev_hash=m["prev_hash"], hash=m["hash"], position=m["position"],
    )


_SUMMARY_FIELDS = tuple(c.name for c in t.case_summary.columns)
# The table's columns and the record's fields are in the same order, so a row is the arguments.
if tuple(f.name for f in dataclasses.fields(CaseSummary)) != _SUMMARY_FIELDS:
    raise RuntimeError("case_summary columns and CaseSummary fields differ")


def _summary(row: Row[Any]) -> CaseSummary:
    values: tuple[Any, ...] = tuple(row)
    return CaseSummary(*values)


class SqlCaseRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, case_id: str) -> CaseRecord | None:
        row = self.conn.execute(_RECORD_BY_ID, {"case_id": case_id}).first()
        return _record(row) if row else None

    def lock(self, case_id: str) -> CaseRecord | None:
        # PostgreSQL: the row lock queues writers of the same case; SQLite: BEGIN IMMEDIATE already
        # holds the database's write lock (SQLite renders no FOR UPDATE).
        row = self.conn.execute(_RECORD_LOCK, {"case_id": case_id}).first()
        return _record(row) if row else None

    def add(self, record: CaseRecord) -> None:
        _insert(self.conn, t.case_record, {
            "case_id": record.case_id, "setting": record.setting, "unit_id": record.unit_id, "owner": record.owner,
            "child_id": record.child_id, "language": record.language, "case_json": record.case_json,
            "people_json": record.people_json, "head_seq": record.head_seq, "head_hash": record.head_hash,
            "created_at": record.created_at,
        })

    def set_head(self, case_id: str, head_seq: int, head_hash: str, people_json: str) -> None:
        self.conn.execute(_SET_HEAD, {"key_case_id": case_id, "head_seq": head_seq, "head_hash": head_hash,
                                      "people_json": people_json})

    def append(self, events: Sequence[StoredEvent]) -> None:
        _insert(self.conn, t.case_event, [
            {
                "case_id": e.case_id, "seq": e.seq, "type": e.type, "occurred_at": e.occurred_at,
                "recorded_at": e.recorded_at, "actor_id": e.actor_id, "workflow_id": e.workflow_id,
                "payload": e.payload, "hash_alg": e.hash_alg, "prev_hash": e.prev_hash, "hash": e.hash,
            }
            for e in events
        ])

    def events(self, case_id: str) -> list[StoredEvent]:
        return [_event(row) for row in self.conn.execute(_EVENTS_OF, {"case_id": case_id})]

    def all_records(self) -> Iterator[CaseRecord]:
        stmt = select(t.case_record).order_by(_ordered_id(self.conn, t.case_record.c.case_id))
        for row in self.conn.execute(stmt, execution_options=_STREAM):
            yield _record(row)

    def all_events(self, case_id: str | None = None) -> Iterator[StoredEvent]:
        stmt = select(t.case_event).order_by(_ordered_id(self.conn, t.case_event.c.case_id), t.case_event.c.seq)
        if case_id is not None:
            stmt = stmt.where(t.case_event.c.case_id == case_id)
        for row in self.conn.execute(stmt, execution_options=_STREAM):
            yield _event(row)

    def put_summary(self, summary: CaseSummary) -> None:
        _upsert(self.conn, t.case_summary, [{name: getattr(summary, name) for name in _SUMMARY_FIELDS}], ["case_id"])

    def clear_summaries(self) -> None:
        self.conn.execute(delete(t.case_summary))

    def summary(self, case_id: str) -> CaseSummary | None:
        row = self.conn.execute(_SUMMARY_BY_ID, {"case_id": case_id}).first()
        return _summary(row) if row else None

    def child_ids(self, case_ids: Sequence[str]) -> dict[str, str]:
        c = t.case_record.c
        out: dict[str, str] = {}
        ids = list(dict.fromkeys(case_ids))
        for start in range(0, len(ids), 500):
            stmt = select(c.case_id, c.child_id).where(c.case_id.in_(ids[start:start + 500]))
            out.update({row.case_id: row.child_id for row in self.conn.execute(stmt)})
        return out

    def summaries(self, query: CaseQuery) -> list[CaseSummary]:
        c = t.case_summary.c
        where: list[ColumnElement[bool]] = []
        if query.unit_ids is not None:
            where.append(c.unit_id.in_(list(query.unit_ids)))
        if query.owners is not None:
            where.append(c.owner.in_(list(query.owners)))
        if query.states is not None:
            where.append(c.state.in_(list(query.states)))
        if query.closed is not None:
            where.append(c.closed_date.is_not(None) if query.closed else c.closed_date.is_(None))
        if query.serious is not None:
            where.append(c.serious == query.serious)
        if query.staff_or_leadership is not None:
            either = or_(c.staff_offender, c.leadership_offender)
            where.append(either if query.staff_or_leadership else ~either)
        if query.opened_by is not None:
            where.append(c.opened_by == query.opened_by)
        if query.deadline_before is not None:
            where.append(c.next_deadline < query.deadline_before)
        if query.case_ids is not None:
            where.append(c.case_id.in_(list(query.case_ids)))
        stmt = (
            select(t.case_summary).where(and_(True, *where))
            .order_by(c.opened_date.desc().nulls_last(), c.case_id).offset(query.offset)
        )
        if query.limit is not None:
            stmt = stmt.limit(query.limit)
        return [_summary(row) for row in self.conn.execute(stmt)]


class SqlIdempotencyRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, actor_id: str, key: str) -> IdempotencyRecord | None:
        row = self.conn.execute(_IDEMPOTENCY, {"actor_id": actor_id, "key": key}).first()
        if row is None:
            return None
        m = row._mapping
        return IdempotencyRecord(m["actor_id"], m["key"], m["request_hash"], m["case_id"], m["result_json"],
                                 m["created_at"])

    def put(self, record: IdempotencyRecord) -> None:
        _insert(self.conn, t.idempotency_key, {
            "actor_id": record.actor_id, "key": record.key, "request_hash": record.request_hash,
            "case_id": record.case_id, "result_json": record.result_json, "created_at": record.created_at,
        })


# --------------------------------------------------------------------------------------------------
# Organisations


class SqlOrgRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def roster(self) -> Roster:
        def rows(table: Table) -> list[Mapping[str, Any]]:
            stmt = select(table).order_by(*table.primary_key.columns)
            return [dict(r._mapping) for r in self.conn.execute(stmt)]

        return Roster(
            owners=tuple(Owner(r["id"], r["kind"], r["name"]) for r in rows(t.org_owner)),
            units=tuple(OrgUnit(r["id"], r["kind"], r["name"], r["owner_id"], r["school_id"]) for r in rows(t.org_unit)),
            staff=tuple(StaffMember(r["id"], r["name"], r["email"]) for r in rows(t.org_staff)),
            staff_roles=tuple(StaffRole(r["staff_id"], r["unit_id"], r["role"], r["delegated_by"])
                              for r in rows(t.org_staff_role)),
            children=tuple(OrgChild(r["id"], r["name"]) for r in rows(t.org_child)),
            enrolments=tuple(Enrolment(r["child_id"], r["unit_id"], r["class_name"]) for r in rows(t.org_enrolment)),
            guardians=tuple(Guardian(r["id"], r["name"], r["email"]) for r in rows(t.org_guardian)),
            guardianships=tuple(Guardianship(r["guardian_id"], r["child_id"]) for r in rows(t.org_guardianship)),
        )

    def put(self, roster: Roster) -> None:
        c = self.conn
        _upsert(c, t.org_owner, [{"id": o.id, "kind": o.kind, "name": o.name} for o in roster.owners], ["id"])
        # Schools before their SFOs (an SFO refers to its school).
        units = sorted(roster.units, key=lambda u: u.school_id is not None)
        _upsert(c, t.org_unit, [
            {"id": u.id, "kind": u.kind, "name": u.name, "owner_id": u.owner_id, "school_id": u.school_id}
            for u in units
        ], ["id"])
        _upsert(c, t.org_staff, [{"id": s.id, "name": s.name, "email": s.email} for s in roster.staff], ["id"])
        _upsert(c, t.org_staff_role, [
            {"staff_id": r.staff_id, "unit_id": r.unit_id, "role": r.role, "delegated_by": r.delegated_by}
            for r in roster.staff_roles
        ], ["staff_id", "unit_id", "role"])
        _upsert(c, t.org_child, [{"id": ch.id, "name": ch.name} for ch in roster.children], ["id"])
        _upsert(c, t.org_enrolment, [
            {"child_id": e.child_id, "unit_id": e.unit_id, "class_name": e.class_name} for e in roster.enrolments
        ], ["child_id", "unit_id"])
        _upsert(c, t.org_guardian, [{"id": g.id, "name": g.name, "email": g.email} for g in roster.guardians], ["id"])
        _upsert(c, t.org_guardianship, [
            {"guardian_id": g.guardian_id, "child_id": g.child_id} for g in roster.guardianships
        ], ["guardian_id", "child_id"])

    def owner(self, owner_id: str) -> Owner | None:
        row = self.conn.execute(select(t.org_owner).where(t.org_owner.c.id == owner_id)).first()
        return Owner(row.id, row.kind, row.name) if row else None

    def unit(self, unit_id: str) -> OrgUnit | None:
        row = self.conn.execute(select(t.org_unit).where(t.org_unit.c.id == unit_id)).first()
        return OrgUnit(row.id, row.kind, row.name, row.owner_id, row.school_id) if row else None

    def staff(self, staff_id: str) -> StaffMember | None:
        row = self.conn.execute(select(t.org_staff).where(t.org_staff.c.id == staff_id)).first()
        return StaffMember(row.id, row.name, row.email) if row else None

    def units(self, owner_id: str | None = None) -> list[OrgUnit]:
        stmt = select(t.org_unit).order_by(t.org_unit.c.id)
        if owner_id is not None:
            stmt = stmt.where(t.org_unit.c.owner_id == owner_id)
        return [OrgUnit(r.id, r.kind, r.name, r.owner_id, r.school_id) for r in self.conn.execute(stmt)]

    def staff_roles(self, *, staff_id: str | None = None, unit_id: str | None = None) -> list[StaffRole]:
        c = t.org_staff_role.c
        stmt = select(t.org_staff_role).order_by(c.staff_id, c.unit_id, c.role)
        if staff_id is not None:
            stmt = stmt.where(c.staff_id == staff_id)
        if unit_id is not None:
            stmt = stmt.where(c.unit_id == unit_id)
        return [StaffRole(r.staff_id, r.unit_id, r.role, r.delegated_by) for r in self.conn.execute(stmt)]


# --------------------------------------------------------------------------------------------------
# Accounts


def _account(row: Row[Any]) -> Account:
    return Account(row.id, row.username, row.password_hash, row.active, row.created_at, row.staff_id,
                   row.session_generation)


def _token(row: Row[Any]) -> ApiToken:
    return ApiToken(row.id, row.account_id, row.name, row.token_hash, row.created_at, row.expires_at, row.revoked_at)


class SqlAccountRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def by_username(self, username: str) -> Account | None:
        row = self.conn.execute(select(t.account).where(t.account.c.username == username)).first()
        return _account(row) if row else None

    def by_id(self, account_id: int) -> Account | None:
        row = self.conn.execute(select(t.account).where(t.account.c.id == account_id)).first()
        return _account(row) if row else None

    def all(self) -> list[Account]:
        return [_account(r) for r in self.conn.execute(select(t.account).order_by(t.account.c.id))]

    def add(self, username: str, password_hash: str | None, staff_id: str | None, created_at: datetime) -> Account:
        try:
            result = self.conn.execute(insert(t.account).values(
                username=username, password_hash=password_hash, staff_id=staff_id, active=True, created_at=created_at,
            ).returning(t.account.c.id))
        except IntegrityError as exc:
            if _is_unique_violation(exc):
                raise DuplicateKey("account") from None
            raise
        return Account(int(result.scalar_one()), username, password_hash, True, created_at, staff_id)

    def set_password_hash(self, account_id: int, password_hash: str, *, end_sessions: bool = False) -> None:
        c = t.account.c
        values: dict[str, Any] = {"password_hash": password_hash}
        if end_sessions:
            values["session_generation"] = c.session_generation + 1
        self.conn.execute(update(t.account).where(c.id == account_id).values(**values))

    def set_active(self, account_id: int, active: bool) -> None:
        self.conn.execute(update(t.account).where(t.account.c.id == account_id).values(active=active))

    def roles(self, account_id: int) -> list[AccountRole]:
        c = t.account_role.c
        stmt = select(t.account_role).where(c.account_id == account_id).order_by(c.role, c.scope_id)
        return [AccountRole(r.account_id, r.role, r.scope_id) for r in self.conn.execute(stmt)]

    def add_role(self, role: AccountRole) -> None:
        _upsert(self.conn, t.account_role, [
            {"account_id": role.account_id, "role": role.role, "scope_id": role.scope_id}
        ], ["account_id", "role", "scope_id"])

    def remove_role(self, role: AccountRole) -> None:
        c = t.account_role.c
        self.conn.execute(delete(t.account_role).where(
            c.account_id == role.account_id, c.role == role.role, c.scope_id == role.scope_id,
        ))

    def add_token(
        self, account_id: int, name: str, token_hash: str, created_at: datetime, expires_at: datetime | None
    ) -> ApiToken:
        result = self.conn.execute(insert(t.api_token).values(
            account_id=account_id, name=name, token_hash=token_hash, created_at=created_at, expires_at=expires_at,
        ).returning(t.api_token.c.id))
        return ApiToken(int(result.scalar_one()), account_id, name, token_hash, created_at, expires_at, None)

    def token_by_hash(self, token_hash: str) -> ApiToken | None:
        row = self.conn.execute(select(t.api_token).where(t.api_token.c.token_hash == token_hash)).first()
        return _token(row) if row else None

    def tokens(self, account_id: int) -> list[ApiToken]:
        stmt = select(t.api_token).where(t.api_token.c.account_id == account_id).order_by(t.api_token.c.id)
        return [_token(r) for r in self.conn.execute(stmt)]

    def revoke_token(self, token_id: int, at: datetime) -> None:
        c = t.api_token.c
        self.conn.execute(update(t.api_token).where(c.id == token_id, c.revoked_at.is_(None)).values(revoked_at=at))

    def add_attempt(self, attempt: LoginAttempt) -> None:
        self.conn.execute(insert(t.login_attempt).values(
            username=attempt.username, attempted_at=attempt.attempted_at, outcome=attempt.outcome,
        ))

    def attempts(self, username: str, since: datetime) -> list[LoginAttempt]:
        c = t.login_attempt.c
        stmt = (
            select(t.login_attempt).where(c.username == username, c.attempted_at >= since)
            .order_by(c.attempted_at, c.id)
        )
        return [LoginAttempt(r.username, r.attempted_at, r.outcome) for r in self.conn.execute(stmt)]

    def prune_attempts(self, before: datetime) -> int:
        result = self.conn.execute(delete(t.login_attempt).where(t.login_attempt.c.attempted_at < before))
        return int(result.rowcount)

    def end_session(self, session_id: str, account_id: int, ended_at: datetime, expires_at: datetime) -> None:
        dialect = postgresql if self.conn.dialect.name == "postgresql" else sqlite
        self.conn.execute(dialect.insert(t.ended_session).values(
            session_id=session_id, account_id=account_id, ended_at=ended_at, expires_at=expires_at,
        ).on_conflict_do_nothing())

    def session_ended(self, session_id: str) -> bool:
        c = t.ended_session.c
        return self.conn.execute(select(c.session_id).where(c.session_id == session_id)).first() is not None

    def prune_ended_sessions(self, before: datetime) -> int:
        result = self.conn.execute(delete(t.ended_session).where(t.ended_session.c.expires_at < before))
        return int(result.rowcount)
