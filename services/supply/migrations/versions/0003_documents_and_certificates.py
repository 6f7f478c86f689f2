"""documents (suppliers' certificates, requests' specifications, offers' quotations) and
the local-production certificates (new tables only)"""

import sqlalchemy as sa
from alembic import op

from clusterkit.migrations import create_document_tables_v1

revision = "0003"
down_revision = "0002"

SCHEMA = "supply"


def upgrade() -> None:
    create_document_tables_v1(SCHEMA)
    op.create_table(
        "certificates",
        sa.Column("document_id", sa.Uuid, nullable=False),
        sa.Column("supplier_id", sa.Uuid, nullable=False),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("issuer", sa.Text, nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("expires_on", sa.Date, nullable=False),
        sa.Column("local_content_percent", sa.Numeric(5, 2), nullable=False),
        sa.Column("expiry_announced_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("document_id", name="pk_certificates"),
        sa.ForeignKeyConstraint(
            ["supplier_id"],
            [f"{SCHEMA}.suppliers.id"],
            name="fk_certificates_supplier_id_suppliers",
        ),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_certificates_supplier_id_expires_on",
        "certificates",
        ["supplier_id", "expires_on"],
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("certificates", schema=SCHEMA)
    op.drop_table("document_contents", schema=SCHEMA)
    op.drop_table("documents", schema=SCHEMA)
