"""notices: the email notices queued from events, and opt-outs (new tables only)"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from clusterkit.migrations import create_table, drop_tables, identity_id, timestamp

revision = "0005"
down_revision = "0004"

SCHEMA = "gateway"


def upgrade() -> None:
    create_table(
        SCHEMA,
        "notices",
        identity_id(),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("recipient", sa.Text, nullable=False),
        sa.Column("context", JSONB, nullable=False),
        sa.Column("status", sa.Text, nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        timestamp("next_attempt_at", now=True),
        timestamp("claimed_at", nullable=True),
        timestamp("sent_at", nullable=True),
        sa.Column("email", sa.Text),
        sa.Column("last_error", sa.Text),
        timestamp("created_at", now=True),
    )
    op.create_index(
        "uq_notices_event_kind_recipient",
        "notices",
        ["event_id", "kind", "recipient"],
        unique=True,
        schema=SCHEMA,
    )
    op.create_index(
        "ix_notices_due",
        "notices",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
        schema=SCHEMA,
    )
    create_table(
        SCHEMA,
        "notice_opt_outs",
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        timestamp("opted_out_at", now=True),
        primary_key=("email", "kind"),
    )


def downgrade() -> None:
    drop_tables(SCHEMA, "notice_opt_outs", "notices")
