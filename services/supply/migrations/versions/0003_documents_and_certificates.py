"""documents (suppliers' certificates, requests' specifications, offers' quotations) and
the local-production certificates (new tables only)"""

import sqlalchemy as sa
from alembic import op

from clusterkit.migrations import (
    References,
    create_document_tables_v1,
    create_table,
    drop_tables,
    timestamp,
)

revision = "0003"
down_revision = "0002"

SCHEMA = "supply"


def upgrade() -> None:
    create_document_tables_v1(SCHEMA)
    create_table(
        SCHEMA,
        "certificates",
        sa.Column("document_id", sa.Uuid, nullable=False),
        sa.Column("supplier_id", sa.Uuid, nullable=False),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("issuer", sa.Text, nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("expires_on", sa.Date, nullable=False),
        sa.Column("local_content_percent", sa.Numeric(5, 2), nullable=False),
        timestamp("expiry_announced_at", nullable=True),
        References("supplier_id", "suppliers"),
        primary_key=("document_id",),
    )
    op.create_index(
        "ix_certificates_supplier_id_expires_on",
        "certificates",
        ["supplier_id", "expires_on"],
        schema=SCHEMA,
    )


def downgrade() -> None:
    drop_tables(SCHEMA, "certificates", "document_contents", "documents")
