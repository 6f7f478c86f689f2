"""Tables of the ``production`` schema."""

from sqlalchemy import Column, DateTime, String, Table, Text, Uuid

from clusterkit.consumer import Inbox
from clusterkit.db import service_metadata
from clusterkit.outbox import Outbox

SCHEMA = "production"
TOPIC = "production.events"

metadata = service_metadata(SCHEMA)
outbox = Outbox(metadata, topic=TOPIC)
inbox = Inbox(metadata)

# Organisations that report production: Almalyk MMC (the cathode producer) and cluster
# members, projected from membership events (same ids as in membership).
organisations = Table(
    "organisations",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("legal_name", Text, nullable=False),
    Column("stir", String(9), nullable=False),
    Column("region", String(5), nullable=False),
    Column("status", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
