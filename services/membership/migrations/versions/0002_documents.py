"""documents: what each attached document is, and its bytes (new tables only)"""

from clusterkit.migrations import create_document_tables_v1, drop_tables

revision = "0002"
down_revision = "0001"

SCHEMA = "membership"


def upgrade() -> None:
    create_document_tables_v1(SCHEMA)


def downgrade() -> None:
    drop_tables(SCHEMA, "document_contents", "documents")
