"""documents: what each attached document is, and its bytes (new tables only)"""

from clusterkit.migrations import create_document_tables_v1

revision = "0002"
down_revision = "0001"

SCHEMA = "membership"


def upgrade() -> None:
    create_document_tables_v1(SCHEMA)


def downgrade() -> None:
    from alembic import op

    op.drop_table("document_contents", schema=SCHEMA)
    op.drop_table("documents", schema=SCHEMA)
