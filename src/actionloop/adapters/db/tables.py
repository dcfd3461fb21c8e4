"""The database schema as SQLAlchemy Core tables (the migrations in ``migrations/versions`` create the
same; a test checks that they agree).

Names: singular snake_case tables; ``*_at`` instants (UTC), ``*_date`` dates; constraint names
from an explicit naming convention, which Alembic's batch mode on SQLite needs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

#: A 64-bit autoincrementing key (SQLite only autoincrements an INTEGER PRIMARY KEY).
BigId = BigInteger().with_variant(Integer(), "sqlite")

ID = 200  # length of case, unit, person and owner ids
HASH = 128


class UTCDateTime(TypeDecorator[datetime]):
    """An aware instant, stored as UTC (``timestamptz`` on PostgreSQL, ISO text on SQLite) and
    always read back aware in UTC. A naive datetime is refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a naive datetime cannot be stored; give it a time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# --------------------------------------------------------------------------------------------------
# Cases

case_record = Table(
    "case_record", metadata,
    Column("case_id", String(ID), primary_key=True),
    Column("setting", String(20), nullable=False),
    Column("unit_id", String(ID), nullable=False),
    Column("owner", Text, nullable=True),
    Column("child_id", String(ID), nullable=False),
    Column("language", String(5), nullable=True),
    Column("case_json", Text, nullable=False),
    Column("people_json", Text, nullable=False),
    Column("head_seq", Integer, nullable=False),
    Column("head_hash", String(HASH), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint("head_seq >= 0", name="head_seq_not_negative"),
    Index(None, "unit_id"),
)

case_event = Table(
    "case_event", metadata,
    Column("position", BigId, primary_key=True, autoincrement=True),
    Column("case_id", String(ID), ForeignKey("case_record.case_id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("type", String(40), nullable=False),
    Column("occurred_at", String(40), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("actor_id", String(ID), nullable=False),
    Column("workflow_id", String(ID), nullable=True),
    Column("payload", Text, nullable=False),
    Column("hash_alg", String(20), nullable=False),
    Column("prev_hash", String(HASH), nullable=False),
    Column("hash", String(HASH), nullable=False),
    UniqueConstraint("case_id", "seq"),
    CheckConstraint("seq >= 1", name="seq_positive"),
    sqlite_autoincrement=True,
)

case_summary = Table(
    "case_summary", metadata,
    Column("case_id", String(ID), ForeignKey("case_record.case_id"), primary_key=True),
    Column("setting", String(20), nullable=False),
    Column("unit_id", String(ID), nullable=False),
    Column("owner", Text, nullable=True),
    Column("state", String(100), nullable=True),
    Column("last_seq", Integer, nullable=False),
    Column("opened_date", Date, nullable=True),
    Column("closed_date", Date, nullable=True),
    Column("last_event_date", Date, nullable=True),
    Column("serious", Boolean, nullable=False),
    Column("staff_offender", Boolean, nullable=False),
    Column("leadership_offender", Boolean, nullable=False),
    Column("next_deadline", Date, nullable=True),
    Column("next_deadline_duty", String(40), nullable=True),
    Column("opened_by", String(ID), nullable=True),
    Column("workflow_id", String(ID), nullable=True),
    Index(None, "unit_id", "state"),
    Index(None, "next_deadline"),
)

idempotency_key = Table(
    "idempotency_key", metadata,
    Column("actor_id", String(ID), nullable=False),
    Column("key", String(ID), nullable=False),
    Column("request_hash", String(HASH), nullable=False),
    Column("case_id", String(ID), nullable=False),
    Column("result_json", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("actor_id", "key"),
)

# --------------------------------------------------------------------------------------------------
# Organisations

org_owner = Table(
    "org_owner", metadata,
    Column("id", String(ID), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("name", Text, nullable=False),
)

org_unit = Table(
    "org_unit", metadata,
    Column("id", String(ID), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("name", Text, nullable=False),
    Column("owner_id", String(ID), ForeignKey("org_owner.id"), nullable=False),
    Column("school_id", String(ID), ForeignKey("org_unit.id"), nullable=True),
    Index(None, "owner_id"),
)

org_staff = Table(
    "org_staff", metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", Text, nullable=False),
    Column("email", Text, nullable=True),
)

org_staff_role = Table(
    "org_staff_role", metadata,
    Column("staff_id", String(ID), ForeignKey("org_staff.id"), nullable=False),
    Column("unit_id", String(ID), ForeignKey("org_unit.id"), nullable=False),
    Column("role", String(20), nullable=False),
    Column("delegated_by", String(ID), ForeignKey("org_staff.id"), nullable=True),
    PrimaryKeyConstraint("staff_id", "unit_id", "role"),
    Index(None, "unit_id"),
)

org_child = Table(
    "org_child", metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", Text, nullable=False),
)

org_enrolment = Table(
    "org_enrolment", metadata,
    Column("child_id", String(ID), ForeignKey("org_child.id"), nullable=False),
    Column("unit_id", String(ID), ForeignKey("org_unit.id"), nullable=False),
    Column("class_name", Text, nullable=True),
    PrimaryKeyConstraint("child_id", "unit_id"),
    Index(None, "unit_id"),
)

org_guardian = Table(
    "org_guardian", metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", Text, nullable=False),
    Column("email", Text, nullable=True),
)

org_guardianship = Table(
    "org_guardianship", metadata,
    Column("guardian_id", String(ID), ForeignKey("org_guardian.id"), nullable=False),
    Column("child_id", String(ID), ForeignKey("org_child.id"), nullable=False),
    PrimaryKeyConstraint("guardian_id", "child_id"),
    Index(None, "child_id"),
)

# --------------------------------------------------------------------------------------------------
# Accounts

account = Table(
    "account", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("password_hash", Text, nullable=True),
    Column("staff_id", String(ID), ForeignKey("org_staff.id"), nullable=True),
    Column("active", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    #: Raised when the password is set: web sessions signed with a lower number are refused.
    Column("session_generation", Integer, nullable=False, server_default="0"),
)

account_role = Table(
    "account_role", metadata,
    Column("account_id", Integer, ForeignKey("account.id"), nullable=False),
    Column("role", String(20), nullable=False),
    Column("scope_id", String(ID), nullable=False),
    PrimaryKeyConstraint("account_id", "role", "scope_id"),
)

api_token = Table(
    "api_token", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", Integer, ForeignKey("account.id"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("token_hash", String(HASH), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=True),
    Column("revoked_at", UTCDateTime, nullable=True),
    Index(None, "account_id"),
)

login_attempt = Table(
    "login_attempt", metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("username", String(100), nullable=False),
    Column("attempted_at", UTCDateTime, nullable=False),
    Column("outcome", String(10), nullable=False),
    Index(None, "username", "attempted_at"),
)

#: Web sessions ended by logging out: the session's cookie is refused from then on, even where a
#: copy of it is still within its lifetime. Kept until the cookie would have expired anyway.
ended_session = Table(
    "ended_session", metadata,
    Column("session_id", String(64), primary_key=True),
    Column("account_id", Integer, nullable=False),
    Column("ended_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Index(None, "expires_at"),
)

# --------------------------------------------------------------------------------------------------
# Who read which case (append-only, like the case log)

case_read = Table(
    "case_read", metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("case_id", String(ID), nullable=False),
    Column("account_id", Integer, nullable=False),
    Column("read_at", UTCDateTime, nullable=False),
    Column("what", String(20), nullable=False),
    Index(None, "case_id", "read_at"),
    Index(None, "read_at"),
    sqlite_autoincrement=True,
)

# --------------------------------------------------------------------------------------------------
# Reminders of due and overdue duties (actionloop.app.reminders): one per case, duty, due date and
# kind, whichever process records it first

reminder = Table(
    "reminder", metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("case_id", String(ID), nullable=False),
    Column("unit_id", String(ID), nullable=False),
    Column("owner", Text, nullable=True),
    Column("audience", String(10), nullable=False),
    Column("duty", String(40), nullable=False),
    Column("due_date", Date, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("case_id", "duty", "due_date", "kind"),
    Index(None, "unit_id", "created_at"),
    sqlite_autoincrement=True,
)
