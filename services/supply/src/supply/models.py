"""Tables of the ``supply`` schema."""

from sqlalchemy import Column, DateTime, String, Table, Text, Uuid, and_, case, func
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import ColumnElement

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
    Column("sectors", ARRAY(Text), nullable=False),
    Column("status", Text, nullable=False),
    Column("suspended_until", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


def effective_status() -> ColumnElement[str]:
    """A suspension with an end date is over once it has passed, with no event needed."""
    t = members.c
    return case(
        (
            and_(
                t.status == "suspended",
                t.suspended_until.is_not(None),
                t.suspended_until <= func.now(),
            ),
            "active",
        ),
        else_=t.status,
    )
