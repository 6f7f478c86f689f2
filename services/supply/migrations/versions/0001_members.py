"""members projection, outbox and inbox"""

from clusterkit.migrations import (
    create_inbox_table_v1,
    create_member_table_v1,
    create_outbox_table_v1,
    drop_tables,
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
    drop_tables(SCHEMA, "inbox", "outbox", "members")
