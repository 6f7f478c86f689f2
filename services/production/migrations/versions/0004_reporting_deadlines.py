"""reporting deadlines: reports returned for revision, and reminders sent

Two new tables (expand only): nothing existing changes.
"""

import sqlalchemy as sa
from alembic import op

from clusterkit.migrations import create_table, drop_tables, timestamp

revision = "0004"
down_revision = "0003"

SCHEMA = "production"


def upgrade() -> None:
    create_table(
        SCHEMA,
        "report_returns",
        sa.Column("revision_id", sa.BigInteger, autoincrement=False, nullable=False),
        sa.Column("organisation_id", sa.Uuid, nullable=False),
        sa.Column("period", sa.Date, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        timestamp("returned_at"),
        sa.Column("returned_by", sa.Text, nullable=False),
        primary_key=("revision_id",),
    )
    op.create_index(
        "ix_report_returns_organisation_period",
        "report_returns",
        ["organisation_id", "period"],
        schema=SCHEMA,
    )
    create_table(
        SCHEMA,
        "reminders",
        sa.Column("organisation_id", sa.Uuid, nullable=False),
        sa.Column("period", sa.Date, nullable=False),
        sa.Column("reminder", sa.Text, nullable=False),
        sa.Column("due_date", sa.Date, nullable=False),
        timestamp("sent_at"),
        primary_key=("organisation_id", "period", "reminder"),
    )


def downgrade() -> None:
    drop_tables(SCHEMA, "reminders", "report_returns")
