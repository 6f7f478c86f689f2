"""outbox.traceparent: the trace context an event was written in (a nullable column only)"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"

SCHEMA = "membership"


def upgrade() -> None:
    op.add_column("outbox", sa.Column("traceparent", sa.Text), schema=SCHEMA)


def downgrade() -> None:
    op.drop_column("outbox", "traceparent", schema=SCHEMA)
