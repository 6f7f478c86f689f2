"""outbox.traceparent: the trace context an event was written in (a nullable column only)"""

from clusterkit.migrations import add_traceparent, drop_traceparent

revision = "0005"
down_revision = "0004"

SCHEMA = "supply"


def upgrade() -> None:
    add_traceparent(SCHEMA, "outbox")


def downgrade() -> None:
    drop_traceparent(SCHEMA, "outbox")
