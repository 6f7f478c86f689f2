"""Tables of the ``supply`` schema."""

from sqlalchemy import Column, DateTime, String, Table, Text, Uuid

from clusterkit.consumer import Inbox
from clusterkit.db import service_metadata
from clusterkit.outbox import Outbox

SCHEMA = "supply"
TOPIC = "supply.events"

metadata = service_metadata(SCHEMA)
outbox = Outbox(metadata, topic=TOPIC)
inbox = Inbox(metadata)

# Cluster members as supply sees them (who may request supplies), projected from
# membership events.
members = Table(
    "members",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("legal_name", Text, nullable=False),
    Column("stir", String(9), nullable=False),
    Column("region", String(5), nullable=False),
    Column("status", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
