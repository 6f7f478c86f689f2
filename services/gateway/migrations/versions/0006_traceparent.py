"""outbox.traceparent and events.traceparent: the trace context of each event (nullable columns only)"""

from clusterkit.migrations import add_traceparent, drop_traceparent

revision = "0006"
down_revision = "0005"

SCHEMA = "gateway"


def upgrade() -> None:
    add_traceparent(SCHEMA, "outbox", "events")


def downgrade() -> None:
    drop_traceparent(SCHEMA, "outbox", "events")
