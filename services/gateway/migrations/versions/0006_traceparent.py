"""outbox.traceparent and events.traceparent: the trace context of each event (nullable columns only)"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"

SCHEMA = "gateway"


def upgrade() -> None:
    op.add_column("outbox", sa.Column("traceparent", sa.Text), schema=SCHEMA)
    op.add_column("events", sa.Column("traceparent", sa.Text), schema=SCHEMA)


def downgrade() -> None:
    op.drop_column("outbox", "traceparent", schema=SCHEMA)
    op.drop_column("events", "traceparent", schema=SCHEMA)
