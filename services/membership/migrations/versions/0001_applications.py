"""applications, their audit trail, members, outbox and idempotency keys"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from clusterkit.migrations import (
    References,
    create_idempotency_table_v1,
    create_outbox_table_v1,
    create_table,
    drop_tables,
    identity_id,
    organisation_columns,
    row_version,
    timestamp,
    uuid_id,
)

revision = "0001"
down_revision = None

SCHEMA = "membership"
OPEN = "status IN ('submitted', 'under_review', 'info_requested')"


def upgrade() -> None:
    create_table(
        SCHEMA,
        "applications",
        uuid_id(),
        *organisation_columns(),
        sa.Column("sectors", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("planned_products", postgresql.JSONB, nullable=False),
        sa.Column("requested_cathode_tpy", sa.Numeric(14, 3), nullable=False),
        sa.Column("contact", postgresql.JSONB, nullable=False),
        sa.Column("proposal", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("access_token_hash", sa.LargeBinary, nullable=False),
        sa.Column("member_id", sa.Uuid),
        timestamp("submitted_at"),
        timestamp("updated_at"),
        row_version(),
    )
    op.create_index(
        "ix_applications_submitted_at_id", "applications", ["submitted_at", "id"], schema=SCHEMA
    )
    op.create_index(
        "uq_applications_open_stir",
        "applications",
        ["stir"],
        unique=True,
        postgresql_where=sa.text(OPEN),
        schema=SCHEMA,
    )
    create_table(
        SCHEMA,
        "application_transitions",
        identity_id(),
        sa.Column("application_id", sa.Uuid, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("from_status", sa.Text),
        sa.Column("to_status", sa.Text, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("actor_key_id", sa.Text),
        sa.Column("reason", sa.Text),
        timestamp("at"),
        References("application_id", "applications"),
    )
    op.create_index(
        "ix_application_transitions_application_id_id",
        "application_transitions",
        ["application_id", "id"],
        schema=SCHEMA,
    )
    create_table(
        SCHEMA,
        "members",
        uuid_id(),
        sa.Column("application_id", sa.Uuid, nullable=False),
        *organisation_columns(),
        sa.Column("sectors", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("planned_products", postgresql.JSONB, nullable=False),
        sa.Column("contact", postgresql.JSONB, nullable=False),
        sa.Column("cathode_quota_tpy", sa.Numeric(14, 3), nullable=False),
        timestamp("admitted_at"),
        timestamp("suspended_at", nullable=True),
        timestamp("suspended_until", nullable=True),
        sa.Column("suspension_reason", sa.Text),
        timestamp("expelled_at", nullable=True),
        sa.Column("expulsion_reason", sa.Text),
        timestamp("updated_at"),
        row_version(),
        sa.UniqueConstraint("application_id", name="uq_members_application_id"),
        References("application_id", "applications"),
    )
    op.create_index("ix_members_legal_name_id", "members", ["legal_name", "id"], schema=SCHEMA)
    op.create_index(
        "uq_members_current_stir",
        "members",
        ["stir"],
        unique=True,
        postgresql_where=sa.text("expelled_at IS NULL"),
        schema=SCHEMA,
    )
    create_outbox_table_v1(SCHEMA)
    create_idempotency_table_v1(SCHEMA)


def downgrade() -> None:
    drop_tables(
        SCHEMA, "idempotency_keys", "outbox", "members", "application_transitions", "applications"
    )
