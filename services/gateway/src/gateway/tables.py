"""Tables of the ``gateway`` schema (the Alembic migrations make them)."""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    Table,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TIMESTAMP

from clusterkit.consumer import Inbox
from clusterkit.outbox import Outbox
from clusterkit.sql import service_metadata
from gateway.events import contracts

SCHEMA = "gateway"

metadata = service_metadata(SCHEMA)


def _at(name: str, *, nullable: bool = False, now: bool = False) -> Column[datetime]:
    """A point in time (``timestamptz``); ``now``: the database's clock gives it."""
    default = func.now() if now else None
    return Column(name, TIMESTAMP(timezone=True), nullable=nullable, server_default=default)


# API keys: only a SHA-256 of the key is stored (keys are 256-bit random, so a fast hash
# is safe); ``prefix`` lets people tell keys apart without revealing them.
api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("organisation_id", Text),
    Column("key_hash", LargeBinary, nullable=False, unique=True),
    Column("prefix", Text, nullable=False),
    _at("created_at", now=True),
    _at("expires_at", nullable=True),
    _at("revoked_at", nullable=True),
)

inbox = Inbox(metadata)
# The gateway's own events (a subscription disabled), published like any service's.
outbox = Outbox(metadata, contracts.topic)

# Every event the platform published, in the order the gateway stored them: the pull feed.
# ``position`` is given out under a lock held to commit (see feed.queries.STORE), so positions
# become visible in order and a reader resuming from a cursor never skips one.
events = Table(
    "events",
    metadata,
    Column("position", BigInteger, Identity(always=True), primary_key=True),
    Column("event_id", Uuid, nullable=False, unique=True),
    Column("topic", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("subject", Text, nullable=False),
    _at("time"),
    Column("requestid", Text),
    # The trace the event belongs to (``ce_traceparent``): webhook deliveries continue it.
    Column("traceparent", Text),
    Column("data", JSONB, nullable=False),
    # Organisations the event is about (members, suppliers): who may read it besides admins.
    Column("parties", ARRAY(Text), nullable=False),
    _at("stored_at", now=True),
    Index("ix_events_parties", "parties", postgresql_using="gin"),
)

# Webhook subscriptions. The secret signs deliveries, so it is kept (not hashed), sealed with
# the settings' Fernet keys (``webhooks.sealing``); it is shown once, at creation or rotation.
# ``secret`` is the clear column of before: empty on every row the app has sealed, dropped
# by a later release. ``failing_since``: when the current failure streak began (None: the
# last delivery succeeded). ``version`` (the ETag) counts the changes of the subscription's
# settings, secret and status, not its failures.
webhooks = Table(
    "webhooks",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("url", Text, nullable=False),
    Column("event_types", ARRAY(Text), nullable=False),
    Column("secret", Text),
    Column("secret_sealed", Text),
    # After a rotation the old secret signs too, until ``previous_secret_until``.
    Column("previous_secret_sealed", Text),
    _at("previous_secret_until", nullable=True),
    Column("owner_key_id", Text),
    Column("owner_role", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("disabled_reason", Text),
    Column("consecutive_failures", Integer, nullable=False, server_default="0"),
    _at("failing_since", nullable=True),
    _at("created_at"),
    _at("updated_at"),
    Column("version", Integer, nullable=False, server_default="1"),
)

# One event to deliver to one subscription (replays add rows). Pending rows of a disabled
# subscription wait for it to be enabled again.
webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("webhook_id", Uuid, ForeignKey("webhooks.id", ondelete="CASCADE"), nullable=False),
    Column("event_position", BigInteger, ForeignKey("events.position"), nullable=False),
    Column("subject", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    _at("next_attempt_at"),
    _at("first_attempt_at", nullable=True),
    _at("delivered_at", nullable=True),
    Column("replay", Boolean, nullable=False, server_default="false"),
    _at("created_at", now=True),
    Index(
        "ix_webhook_deliveries_due",
        "webhook_id",
        "subject",
        "id",
        postgresql_where=text("status = 'pending'"),
    ),
)

# The delivery log: every attempt with its answer.
webhook_attempts = Table(
    "webhook_attempts",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column(
        "delivery_id",
        BigInteger,
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"),
        nullable=False,
    ),
    _at("at"),
    Column("status_code", Integer),
    Column("latency_ms", Integer, nullable=False),
    Column("error", Text),
    Column("response_excerpt", Text),
    Index("ix_webhook_attempts_delivery_id", "delivery_id"),
)

# Email notices (migration 0005): one row per event, kind and recipient (unique, so a
# redelivered event queues nothing twice); the sender claims one at a time, marks it sent,
# or schedules a retry; what cannot be sent ends in the dead letters an admin reads.
notices = Table(
    "notices",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("event_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("recipient", Text, nullable=False),  # "applicant:<id>", "member:<id>", "email:<a>"
    Column("context", JSONB, nullable=False),  # what the template shows
    Column("status", Text, nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    _at("next_attempt_at", now=True),
    _at("claimed_at", nullable=True),
    _at("sent_at", nullable=True),
    Column("email", Text),
    Column("last_error", Text),
    _at("created_at", now=True),
    Index("uq_notices_event_kind_recipient", "event_id", "kind", "recipient", unique=True),
    Index("ix_notices_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
)

# Who opted out of which kind of notice (through the signed link in each notice).
notice_opt_outs = Table(
    "notice_opt_outs",
    metadata,
    Column("email", Text, primary_key=True),
    Column("kind", Text, primary_key=True),
    _at("opted_out_at", now=True),
)
