"""applications and the outbox

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from clusterkit.migrations import create_outbox_table_v1

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SCHEMA = "membership"


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("legal_name", sa.Text, nullable=False),
        sa.Column("stir", sa.String(9), nullable=False),
        sa.Column("region", sa.String(5), nullable=False),
        sa.Column("sectors", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("planned_products", postgresql.JSONB, nullable=False),
        sa.Column("requested_cathode_tpy", sa.Numeric(14, 3), nullable=False),
        sa.Column("contact", postgresql.JSONB, nullable=False),
        sa.Column("proposal", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.PrimaryKeyConstraint("id", name="pk_applications"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_applications_submitted_at_id", "applications", ["submitted_at", "id"], schema=SCHEMA
    )
    create_outbox_table_v1(SCHEMA)


def downgrade() -> None:
    op.drop_table("outbox", schema=SCHEMA)
    op.drop_table("applications", schema=SCHEMA)
