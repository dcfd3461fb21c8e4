"""Web sessions ended by logging out (their cookies are refused until they would have expired).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Instant = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "ended_session",
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("ended_at", Instant, nullable=False),
        sa.Column("expires_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("session_id", name="pk_ended_session"),
    )
    op.create_index("ix_ended_session_expires_at", "ended_session", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_ended_session_expires_at", table_name="ended_session")
    op.drop_table("ended_session")
