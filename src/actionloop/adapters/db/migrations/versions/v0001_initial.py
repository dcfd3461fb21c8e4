"""Initial schema: the append-only case log with its triggers, case records and summaries,
idempotency keys, organisations and accounts.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 200
HASH = 128
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)

SQLITE_TRIGGERS = (
    """CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event
    BEGIN SELECT RAISE(ABORT, 'case_event is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event
    BEGIN SELECT RAISE(ABORT, 'case_event is append-only: DELETE refused'); END""",
)

POSTGRESQL_TRIGGERS = (
    """CREATE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'case_event is append-only: % refused', TG_OP;
    END
    $$""",
    """CREATE TRIGGER case_event_no_update_delete BEFORE UPDATE OR DELETE ON case_event
    FOR EACH ROW EXECUTE FUNCTION case_event_append_only()""",
    """CREATE TRIGGER case_event_no_truncate BEFORE TRUNCATE ON case_event
    FOR EACH STATEMENT EXECUTE FUNCTION case_event_append_only()""",
)


def upgrade() -> None:
    op.create_table(
        "case_record",
        sa.Column("case_id", sa.String(ID), nullable=False),
        sa.Column("setting", sa.String(20), nullable=False),
        sa.Column("unit_id", sa.String(ID), nullable=False),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("child_id", sa.String(ID), nullable=False),
        sa.Column("language", sa.String(5), nullable=True),
        sa.Column("case_json", sa.Text(), nullable=False),
        sa.Column("people_json", sa.Text(), nullable=False),
        sa.Column("head_seq", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(HASH), nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("case_id", name="pk_case_record"),
        sa.CheckConstraint("head_seq >= 0", name="ck_case_record_head_seq_not_negative"),
    )
    op.create_index("ix_case_record_unit_id", "case_record", ["unit_id"])

    op.create_table(
        "case_event",
        sa.Column("position", BigId, autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(ID), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("occurred_at", sa.String(40), nullable=False),
        sa.Column("recorded_at", Instant, nullable=False),
        sa.Column("actor_id", sa.String(ID), nullable=False),
        sa.Column("workflow_id", sa.String(ID), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("hash_alg", sa.String(20), nullable=False),
        sa.Column("prev_hash", sa.String(HASH), nullable=False),
        sa.Column("hash", sa.String(HASH), nullable=False),
        sa.PrimaryKeyConstraint("position", name="pk_case_event"),
        sa.ForeignKeyConstraint(["case_id"], ["case_record.case_id"], name="fk_case_event_case_id_case_record"),
        sa.UniqueConstraint("case_id", "seq", name="uq_case_event_case_id_seq"),
        sa.CheckConstraint("seq >= 1", name="ck_case_event_seq_positive"),
        sqlite_autoincrement=True,
    )

    op.create_table(
        "case_summary",
        sa.Column("case_id", sa.String(ID), nullable=False),
        sa.Column("setting", sa.String(20), nullable=False),
        sa.Column("unit_id", sa.String(ID), nullable=False),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("state", sa.String(100), nullable=True),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("opened_date", sa.Date(), nullable=True),
        sa.Column("closed_date", sa.Date(), nullable=True),
        sa.Column("last_event_date", sa.Date(), nullable=True),
        sa.Column("serious", sa.Boolean(), nullable=False),
        sa.Column("staff_offender", sa.Boolean(), nullable=False),
        sa.Column("leadership_offender", sa.Boolean(), nullable=False),
        sa.Column("next_deadline", sa.Date(), nullable=True),
        sa.Column("next_deadline_duty", sa.String(40), nullable=True),
        sa.Column("opened_by", sa.String(ID), nullable=True),
        sa.Column("workflow_id", sa.String(ID), nullable=True),
        sa.PrimaryKeyConstraint("case_id", name="pk_case_summary"),
        sa.ForeignKeyConstraint(["case_id"], ["case_record.case_id"], name="fk_case_summary_case_id_case_record"),
    )
    op.create_index("ix_case_summary_unit_id_state", "case_summary", ["unit_id", "state"])
    op.create_index("ix_case_summary_next_deadline", "case_summary", ["next_deadline"])

    op.create_table(
        "idempotency_key",
        sa.Column("actor_id", sa.String(ID), nullable=False),
        sa.Column("key", sa.String(ID), nullable=False),
        sa.Column("request_hash", sa.String(HASH), nullable=False),
        sa.Column("case_id", sa.String(ID), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("actor_id", "key", name="pk_idempotency_key"),
    )

    op.create_table(
        "org_owner",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_org_owner"),
    )
    op.create_table(
        "org_unit",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.String(ID), nullable=False),
        sa.Column("school_id", sa.String(ID), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_org_unit"),
        sa.ForeignKeyConstraint(["owner_id"], ["org_owner.id"], name="fk_org_unit_owner_id_org_owner"),
        sa.ForeignKeyConstraint(["school_id"], ["org_unit.id"], name="fk_org_unit_school_id_org_unit"),
    )
    op.create_index("ix_org_unit_owner_id", "org_unit", ["owner_id"])
    op.create_table(
        "org_staff",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_org_staff"),
    )
    op.create_table(
        "org_staff_role",
        sa.Column("staff_id", sa.String(ID), nullable=False),
        sa.Column("unit_id", sa.String(ID), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("delegated_by", sa.String(ID), nullable=True),
        sa.PrimaryKeyConstraint("staff_id", "unit_id", "role", name="pk_org_staff_role"),
        sa.ForeignKeyConstraint(["staff_id"], ["org_staff.id"], name="fk_org_staff_role_staff_id_org_staff"),
        sa.ForeignKeyConstraint(["unit_id"], ["org_unit.id"], name="fk_org_staff_role_unit_id_org_unit"),
        sa.ForeignKeyConstraint(["delegated_by"], ["org_staff.id"], name="fk_org_staff_role_delegated_by_org_staff"),
    )
    op.create_index("ix_org_staff_role_unit_id", "org_staff_role", ["unit_id"])
    op.create_table(
        "org_child",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_org_child"),
    )
    op.create_table(
        "org_enrolment",
        sa.Column("child_id", sa.String(ID), nullable=False),
        sa.Column("unit_id", sa.String(ID), nullable=False),
        sa.Column("class_name", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("child_id", "unit_id", name="pk_org_enrolment"),
        sa.ForeignKeyConstraint(["child_id"], ["org_child.id"], name="fk_org_enrolment_child_id_org_child"),
        sa.ForeignKeyConstraint(["unit_id"], ["org_unit.id"], name="fk_org_enrolment_unit_id_org_unit"),
    )
    op.create_index("ix_org_enrolment_unit_id", "org_enrolment", ["unit_id"])
    op.create_table(
        "org_guardian",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_org_guardian"),
    )
    op.create_table(
        "org_guardianship",
        sa.Column("guardian_id", sa.String(ID), nullable=False),
        sa.Column("child_id", sa.String(ID), nullable=False),
        sa.PrimaryKeyConstraint("guardian_id", "child_id", name="pk_org_guardianship"),
        sa.ForeignKeyConstraint(["guardian_id"], ["org_guardian.id"],
                                name="fk_org_guardianship_guardian_id_org_guardian"),
        sa.ForeignKeyConstraint(["child_id"], ["org_child.id"], name="fk_org_guardianship_child_id_org_child"),
    )
    op.create_index("ix_org_guardianship_child_id", "org_guardianship", ["child_id"])

    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("staff_id", sa.String(ID), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_account"),
        sa.ForeignKeyConstraint(["staff_id"], ["org_staff.id"], name="fk_account_staff_id_org_staff"),
        sa.UniqueConstraint("username", name="uq_account_username"),
    )
    op.create_table(
        "account_role",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("scope_id", sa.String(ID), nullable=False),
        sa.PrimaryKeyConstraint("account_id", "role", "scope_id", name="pk_account_role"),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], name="fk_account_role_account_id_account"),
    )
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("token_hash", sa.String(HASH), nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.Column("expires_at", Instant, nullable=True),
        sa.Column("revoked_at", Instant, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_token"),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], name="fk_api_token_account_id_account"),
        sa.UniqueConstraint("token_hash", name="uq_api_token_token_hash"),
    )
    op.create_index("ix_api_token_account_id", "api_token", ["account_id"])
    op.create_table(
        "login_attempt",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("attempted_at", Instant, nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_attempt"),
    )
    op.create_index("ix_login_attempt_username_attempted_at", "login_attempt", ["username", "attempted_at"])

    triggers = SQLITE_TRIGGERS if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_TRIGGERS
    for statement in triggers:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS case_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS case_event_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS case_event_no_update_delete ON case_event")
        op.execute("DROP TRIGGER IF EXISTS case_event_no_truncate ON case_event")
        op.execute("DROP FUNCTION IF EXISTS case_event_append_only()")
    for table in (
        "login_attempt", "api_token", "account_role", "account", "org_guardianship", "org_guardian",
        "org_enrolment", "org_child", "org_staff_role", "org_staff", "org_unit", "org_owner",
        "idempotency_key", "case_summary", "case_event", "case_record",
    ):
        op.drop_table(table)
