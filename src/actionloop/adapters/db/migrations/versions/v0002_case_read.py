"""The read log: who read which case, and when (append-only, readable by the owner).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 200
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)

SQLITE_TRIGGERS = (
    """CREATE TRIGGER case_read_no_update BEFORE UPDATE ON case_read
    BEGIN SELECT RAISE(ABORT, 'case_read is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER case_read_no_delete BEFORE DELETE ON case_read
    BEGIN SELECT RAISE(ABORT, 'case_read is append-only: DELETE refused'); END""",
)

POSTGRESQL_TRIGGERS = (
    """CREATE FUNCTION case_read_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'case_read is append-only: % refused', TG_OP;
    END
    $$""",
    """CREATE TRIGGER case_read_no_update_delete BEFORE UPDATE OR DELETE ON case_read
    FOR EACH ROW EXECUTE FUNCTION case_read_append_only()""",
)


def upgrade() -> None:
    op.create_table(
        "case_read",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(ID), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("read_at", Instant, nullable=False),
        sa.Column("what", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_case_read"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_case_read_case_id_read_at", "case_read", ["case_id", "read_at"])
    op.create_index("ix_case_read_read_at", "case_read", ["read_at"])
    triggers = SQLITE_TRIGGERS if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_TRIGGERS
    for statement in triggers:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS case_read_no_update")
        op.execute("DROP TRIGGER IF EXISTS case_read_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS case_read_no_update_delete ON case_read")
        op.execute("DROP FUNCTION IF EXISTS case_read_append_only()")
    op.drop_table("case_read")
