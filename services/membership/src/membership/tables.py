"""Tables of the ``membership`` schema (SQLAlchemy Core), as the migrations make them."""

from typing import Any

from sqlalchemy import Column, ForeignKey, Identity, Index, Table, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.types import BigInteger, DateTime, Integer, LargeBinary, Numeric, String, Text, Uuid

from clusterkit.documents import Documents, document_tables
from clusterkit.idempotency import Idempotency
from clusterkit.outbox import Outbox
from clusterkit.sql import service_metadata
from membership.applications.rules import OPEN_STATUSES

SCHEMA = "membership"
TOPIC = "membership.events"

metadata = service_metadata(SCHEMA)
outbox = Outbox(metadata, topic=TOPIC)
idempotency = Idempotency(metadata)

# The predicates of the partial unique indexes, as literal SQL: an ``ON CONFLICT`` names
# its index by them.
OPEN_APPLICATION = text(f"status IN ({', '.join(repr(s.value) for s in OPEN_STATUSES)})")
CURRENT_MEMBER = text("expelled_at IS NULL")


def _company() -> tuple[Column[Any], ...]:
    """Who the company is and what it plans, as it applied: its member entry keeps the same
    (approval copies them over)."""
    return (
        Column("legal_name", Text, nullable=False),
        Column("stir", String(9), nullable=False),
        Column("region", String(5), nullable=False),
        Column("sectors", ARRAY(Text), nullable=False),
        Column("planned_products", JSONB, nullable=False),
    )


def _versioned() -> tuple[Column[Any], ...]:
    """When the row last changed and its version (the ETag); a change bumps both."""
    return (
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("version", Integer, nullable=False, server_default="1"),
    )


applications = Table(
    "applications",
    metadata,
    Column("id", Uuid, primary_key=True),
    *_company(),
    Column("requested_cathode_tpy", Numeric(14, 3), nullable=False),
    Column("contact", JSONB, nullable=False),
    Column("proposal", Text, nullable=False),
    Column("status", Text, nullable=False),
    # SHA-256 of the applicant's access token; the token itself is shown once.
    Column("access_token_hash", LargeBinary, nullable=False),
    Column("member_id", Uuid),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    *_versioned(),
    Index("ix_applications_submitted_at_id", "submitted_at", "id"),
    # One open application per STIR; the database enforces it even under races.
    Index("uq_applications_open_stir", "stir", unique=True, postgresql_where=OPEN_APPLICATION),
)

# The audit trail: every transition with who, when and why.
application_transitions = Table(
    "application_transitions",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("application_id", Uuid, ForeignKey("applications.id"), nullable=False),
    Column("action", Text, nullable=False),
    Column("from_status", Text),
    Column("to_status", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("actor_key_id", Text),
    Column("reason", Text),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_application_transitions_application_id_id", "application_id", "id"),
)

members = Table(
    "members",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("application_id", Uuid, ForeignKey("applications.id"), nullable=False, unique=True),
    *_company(),
    Column("contact", JSONB, nullable=False),
    Column("cathode_quota_tpy", Numeric(14, 3), nullable=False),
    Column("admitted_at", DateTime(timezone=True), nullable=False),
    Column("suspended_at", DateTime(timezone=True)),
    Column("suspended_until", DateTime(timezone=True)),
    Column("suspension_reason", Text),
    Column("expelled_at", DateTime(timezone=True)),
    Column("expulsion_reason", Text),
    *_versioned(),
    Index("ix_members_legal_name_id", "legal_name", "id"),
    Index("uq_members_current_stir", "stir", unique=True, postgresql_where=CURRENT_MEMBER),
)

# Documents attached to applications (migration 0002); the bytes in Postgres.
documents = Documents(*document_tables(metadata))
