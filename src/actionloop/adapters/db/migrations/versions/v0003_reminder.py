"""Reminders of due and overdue duties, unique per case, duty, due date and kind.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 200
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "reminder",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(ID), nullable=False),
        sa.Column("unit_id", sa.String(ID), nullable=False),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("audience", sa.String(10), nullable=False),
        sa.Column("duty", sa.String(40), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reminder"),
        sa.UniqueConstraint("case_id", "duty", "due_date", "kind", name="uq_reminder_case_id_duty_due_date_kind"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_reminder_unit_id_created_at", "reminder", ["unit_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_reminder_unit_id_created_at", table_name="reminder")
    op.drop_table("reminder")
