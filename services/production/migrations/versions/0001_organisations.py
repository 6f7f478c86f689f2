"""organisations projection, outbox and inbox

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from clusterkit.migrations import create_inbox_table_v1, create_outbox_table_v1

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SCHEMA = "production"


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Uuid, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("legal_name", sa.Text, nullable=False),
        sa.Column("stir", sa.String(9), nullable=False),
        sa.Column("region", sa.String(5), nullable=False),
        sa.Column("sectors", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("suspended_until", sa.DateTime(timezone=True)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
        schema=SCHEMA,
    )
    create_outbox_table_v1(SCHEMA)
    create_inbox_table_v1(SCHEMA)


def downgrade() -> None:
    op.drop_table("inbox", schema=SCHEMA)
    op.drop_table("outbox", schema=SCHEMA)
    op.drop_table("organisations", schema=SCHEMA)
