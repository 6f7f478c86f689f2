"""organisations projection, outbox and inbox"""

import sqlalchemy as sa
from alembic import op

from clusterkit.migrations import (
    create_inbox_table_v1,
    create_member_table_v1,
    create_outbox_table_v1,
)

revision = "0001"
down_revision = None

SCHEMA = "production"


def upgrade() -> None:
    # The member projection's table (clusterkit.member_projection).
    create_member_table_v1(SCHEMA, "organisations", sa.Column("kind", sa.Text, nullable=False))
    create_outbox_table_v1(SCHEMA)
    create_inbox_table_v1(SCHEMA)


def downgrade() -> None:
    op.drop_table("inbox", schema=SCHEMA)
    op.drop_table("outbox", schema=SCHEMA)
    op.drop_table("organisations", schema=SCHEMA)
