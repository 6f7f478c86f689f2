"""supplier_contacts: where a supplier's email notices go (a new table only)"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"

SCHEMA = "supply"


def upgrade() -> None:
    op.create_table(
        "supplier_contacts",
        sa.Column("supplier_id", sa.Uuid, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("supplier_id", name="pk_supplier_contacts"),
        sa.ForeignKeyConstraint(
            ["supplier_id"],
            [f"{SCHEMA}.suppliers.id"],
            name="fk_supplier_contacts_supplier_id_suppliers",
        ),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("supplier_contacts", schema=SCHEMA)
