"""members projection, outbox and inbox"""

from alembic import op

from clusterkit.migrations import (
    create_inbox_table_v1,
    create_member_table_v1,
    create_outbox_table_v1,
)

revision = "0001"
down_revision = None

SCHEMA = "supply"


def upgrade() -> None:
    # The member projection's table (clusterkit.member_projection).
    create_member_table_v1(SCHEMA, "members")
    create_outbox_table_v1(SCHEMA)
    create_inbox_table_v1(SCHEMA)


def downgrade() -> None:
    op.drop_table("inbox", schema=SCHEMA)
    op.drop_table("outbox", schema=SCHEMA)
    op.drop_table("members", schema=SCHEMA)
