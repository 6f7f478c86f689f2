"""event feed, webhook subscriptions, deliveries and their attempts, inbox"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from clusterkit.migrations import (
    References,
    create_inbox_table_v1,
    create_table,
    drop_tables,
    identity_id,
    timestamp,
    uuid_id,
)

revision = "0002"
down_revision = "0001"

SCHEMA = "gateway"


def upgrade() -> None:
    create_table(
        SCHEMA,
        "events",
        sa.Column("position", sa.BigInteger, sa.Identity(always=True), nullable=False),
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        timestamp("time"),
        sa.Column("requestid", sa.Text),
        sa.Column("data", postgresql.JSONB, nullable=False),
        sa.Column("parties", postgresql.ARRAY(sa.Text), nullable=False),
        timestamp("stored_at", now=True),
        sa.UniqueConstraint("event_id", name="uq_events_event_id"),
        primary_key=("position",),
    )
    op.create_index(
        "ix_events_parties", "events", ["parties"], schema=SCHEMA, postgresql_using="gin"
    )
    create_table(
        SCHEMA,
        "webhooks",
        uuid_id(),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("event_types", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("secret", sa.Text, nullable=False),
        sa.Column("owner_key_id", sa.Text),
        sa.Column("owner_role", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("disabled_reason", sa.Text),
        sa.Column("consecutive_failures", sa.Integer, nullable=False, server_default="0"),
        timestamp("created_at"),
        timestamp("updated_at"),
    )
    create_table(
        SCHEMA,
        "webhook_deliveries",
        identity_id(),
        sa.Column("webhook_id", sa.Uuid, nullable=False),
        sa.Column("event_position", sa.BigInteger, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        timestamp("next_attempt_at"),
        timestamp("first_attempt_at", nullable=True),
        timestamp("delivered_at", nullable=True),
        sa.Column("replay", sa.Boolean, nullable=False, server_default="false"),
        timestamp("created_at", now=True),
        References("webhook_id", "webhooks", ondelete="CASCADE"),
        References("event_position", "events", to="position"),
    )
    op.create_index(
        "ix_webhook_deliveries_due",
        "webhook_deliveries",
        ["webhook_id", "subject", "id"],
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'pending'"),
    )
    create_table(
        SCHEMA,
        "webhook_attempts",
        identity_id(),
        sa.Column("delivery_id", sa.BigInteger, nullable=False),
        timestamp("at"),
        sa.Column("status_code", sa.Integer),
        sa.Column("latency_ms", sa.Integer, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("response_excerpt", sa.Text),
        References("delivery_id", "webhook_deliveries", ondelete="CASCADE"),
    )
    op.create_index(
        "ix_webhook_attempts_delivery_id", "webhook_attempts", ["delivery_id"], schema=SCHEMA
    )
    create_inbox_table_v1(SCHEMA)


def downgrade() -> None:
    drop_tables(SCHEMA, "inbox", "webhook_attempts", "webhook_deliveries", "webhooks", "events")
