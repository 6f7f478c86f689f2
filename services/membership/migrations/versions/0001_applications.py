"""applications, their audit trail, members, outbox and idempotency keys"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from clusterkit.migrations import create_idempotency_table_v1, create_outbox_table_v1

revision = "0001"
down_revision = None

SCHEMA = "membership"
OPEN = "status IN ('submitted', 'under_review', 'info_requested')"


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.Uuid, nullable=False),
        sa.Column("legal_name", sa.Text, nullable=False),
        sa.Column("stir", sa.String(9), nullable=False),
        sa.Column("region", sa.String(5), nullable=False),
        sa.Column("sectors", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("planned_products", postgresql.JSONB, nullable=False),
        sa.Column("requested_cathode_tpy", sa.Numeric(14, 3), nullable=False),
        sa.Column("contact", postgresql.JSONB, nullable=False),
        sa.Column("proposal", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("access_token_hash", sa.LargeBinary, nullable=False),
        sa.Column("member_id", sa.Uuid),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.PrimaryKeyConstraint("id", name="pk_applications"),
        schema=SCHEMA,
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
    op.create_table(
        "application_transitions",
        sa.Column("id", sa.BigInteger, sa.Identity(always=True), nullable=False),
        sa.Column("application_id", sa.Uuid, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("from_status", sa.Text),
        sa.Column("to_status", sa.Text, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("actor_key_id", sa.Text),
        sa.Column("reason", sa.Text),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_application_transitions"),
        sa.ForeignKeyConstraint(
            ["application_id"],
            [f"{SCHEMA}.applications.id"],
            name="fk_application_transitions_application_id_applications",
        ),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_application_transitions_application_id_id",
        "application_transitions",
        ["application_id", "id"],
        schema=SCHEMA,
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Uuid, nullable=False),
        sa.Column("application_id", sa.Uuid, nullable=False),
        sa.Column("legal_name", sa.Text, nullable=False),
        sa.Column("stir", sa.String(9), nullable=False),
        sa.Column("region", sa.String(5), nullable=False),
        sa.Column("sectors", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("planned_products", postgresql.JSONB, nullable=False),
        sa.Column("contact", postgresql.JSONB, nullable=False),
        sa.Column("cathode_quota_tpy", sa.Numeric(14, 3), nullable=False),
        sa.Column("admitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("suspended_at", sa.DateTime(timezone=True)),
        sa.Column("suspended_until", sa.DateTime(timezone=True)),
        sa.Column("suspension_reason", sa.Text),
        sa.Column("expelled_at", sa.DateTime(timezone=True)),
        sa.Column("expulsion_reason", sa.Text),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.PrimaryKeyConstraint("id", name="pk_members"),
        sa.UniqueConstraint("application_id", name="uq_members_application_id"),
        sa.ForeignKeyConstraint(
            ["application_id"],
            [f"{SCHEMA}.applications.id"],
            name="fk_members_application_id_applications",
        ),
        schema=SCHEMA,
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
    for table in (
        "idempotency_keys",
        "outbox",
        "members",
        "application_transitions",
        "applications",
    ):
        op.drop_table(table, schema=SCHEMA)
