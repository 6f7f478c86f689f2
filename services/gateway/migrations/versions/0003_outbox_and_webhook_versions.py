"""outbox (the gateway's own events), webhook versions (ETags)"""

from alembic import op

from clusterkit.migrations import create_outbox_table_v1, row_version

revision = "0003"
down_revision = "0002"

SCHEMA = "gateway"


def upgrade() -> None:
    create_outbox_table_v1(SCHEMA)
    op.add_column("webhooks", row_version(), schema=SCHEMA)


def downgrade() -> None:
    op.drop_column("webhooks", "version", schema=SCHEMA)
    op.drop_table("outbox", schema=SCHEMA)
