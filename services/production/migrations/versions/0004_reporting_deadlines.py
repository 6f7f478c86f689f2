"""reporting deadlines: reports returned for revision, and reminders sent

Two new tables (expand only): nothing existing changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"

SCHEMA = "production"


def upgrade() -> None:
    op.create_table(
        "report_returns",
        sa.Column("revision_id", sa.BigInteger, autoincrement=False, nullable=False),
        sa.Column("organisation_id", sa.Uuid, nullable=False),
        sa.Column("period", sa.Date, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("returned_by", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("revision_id", name="pk_report_returns"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_report_returns_organisation_period",
        "report_returns",
        ["organisation_id", "period"],
        schema=SCHEMA,
    )
    op.create_table(
        "reminders",
        sa.Column("organisation_id", sa.Uuid, nullable=False),
        sa.Column("period", sa.Date, nullable=False),
        sa.Column("reminder", sa.Text, nullable=False),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("organisation_id", "period", "reminder", name="pk_reminders"),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("reminders", schema=SCHEMA)
    op.drop_table("report_returns", schema=SCHEMA)
