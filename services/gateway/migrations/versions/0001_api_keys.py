"""api keys"""

import sqlalchemy as sa

from clusterkit.migrations import create_table, drop_tables, timestamp, uuid_id

revision = "0001"
down_revision = None

SCHEMA = "gateway"


def upgrade() -> None:
    create_table(
        SCHEMA,
        "api_keys",
        uuid_id(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("organisation_id", sa.Text),
        sa.Column("key_hash", sa.LargeBinary, nullable=False),
        sa.Column("prefix", sa.Text, nullable=False),
        timestamp("created_at", now=True),
        timestamp("expires_at", nullable=True),
        timestamp("revoked_at", nullable=True),
        sa.UniqueConstraint("key_hash", name="uq_api_keys_key_hash"),
        sa.CheckConstraint(
            "role IN ('admin', 'member', 'supplier', 'procurement')", name="ck_api_keys_role"
        ),
    )


def downgrade() -> None:
    drop_tables(SCHEMA, "api_keys")
