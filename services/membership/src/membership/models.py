"""Tables of the ``membership`` schema (SQLAlchemy Core: rows in, rows out, no ORM cost)."""

from sqlalchemy import Column, DateTime, Integer, Numeric, String, Table, Text, Uuid
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from clusterkit.db import service_metadata
from clusterkit.outbox import Outbox

SCHEMA = "membership"
TOPIC = "membership.events"

metadata = service_metadata(SCHEMA)
outbox = Outbox(metadata, topic=TOPIC)

applications = Table(
    "applications",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("legal_name", Text, nullable=False),
    Column("stir", String(9), nullable=False),
    Column("region", String(5), nullable=False),
    Column("sectors", ARRAY(Text), nullable=False),
    Column("planned_products", JSONB, nullable=False),
    Column("requested_cathode_tpy", Numeric(14, 3), nullable=False),
    Column("contact", JSONB, nullable=False),
    Column("proposal", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False, server_default="1"),
)
