"""supplier_contacts: where a supplier's email notices go (a new table only)"""

import sqlalchemy as sa

from clusterkit.migrations import References, create_table, drop_tables, timestamp

revision = "0004"
down_revision = "0003"

SCHEMA = "supply"


def upgrade() -> None:
    create_table(
        SCHEMA,
        "supplier_contacts",
        sa.Column("supplier_id", sa.Uuid, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        timestamp("updated_at"),
        References("supplier_id", "suppliers"),
        primary_key=("supplier_id",),
    )


def downgrade() -> None:
    drop_tables(SCHEMA, "supplier_contacts")
