"""figures (reports and plans as revisions), period locks, Almalyk MMC"""

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from clusterkit.migrations import create_table, drop_tables, identity_id, timestamp

revision = "0002"
down_revision = "0001"

SCHEMA = "production"
AMMC_ID = "00000000-0000-4000-8000-00000000a3c0"


def upgrade() -> None:
    create_table(
        SCHEMA,
        "figures",
        identity_id(),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("organisation_id", sa.Uuid, nullable=False),
        sa.Column("metric", sa.Text, nullable=False),
        sa.Column("period", sa.Date, nullable=False),
        sa.Column("product_category", sa.Text, nullable=False, server_default=""),
        sa.Column("quantity", sa.Numeric(20, 3), nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("reason", sa.Text),
        sa.Column("revision", sa.Integer, nullable=False),
        timestamp("recorded_at"),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.UniqueConstraint(
            "kind",
            "organisation_id",
            "metric",
            "period",
            "product_category",
            "revision",
            name="uq_figures_key_revision",
        ),
        sa.CheckConstraint("kind IN ('actual', 'plan')", name="ck_figures_kind"),
        sa.CheckConstraint("quantity >= 0", name="ck_figures_quantity_not_negative"),
    )
    op.create_index("ix_figures_period_metric", "figures", ["period", "metric"], schema=SCHEMA)
    create_table(
        SCHEMA,
        "period_locks",
        sa.Column("period", sa.Date, nullable=False),
        timestamp("locked_at"),
        sa.Column("locked_by", sa.Text, nullable=False),
        sa.Column("reason", sa.Text),
        primary_key=("period",),
    )
    organisations = sa.table(
        "organisations",
        sa.column("id", sa.Uuid),
        sa.column("kind", sa.Text),
        sa.column("legal_name", sa.Text),
        sa.column("stir", sa.Text),
        sa.column("region", sa.Text),
        sa.column("sectors", postgresql.ARRAY(sa.Text)),
        sa.column("status", sa.Text),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        schema=SCHEMA,
    )
    op.bulk_insert(
        organisations,
        [
            {
                "id": uuid.UUID(AMMC_ID),
                "kind": "producer",
                "legal_name": "JSC Almalyk MMC",
                "stir": "202328794",
                "region": "UZ-TO",
                "sectors": [],
                "status": "active",
                "updated_at": datetime.now(UTC),
            }
        ],
    )


def downgrade() -> None:
    op.execute(
        sa.text(f"DELETE FROM {SCHEMA}.organisations WHERE id = :id").bindparams(id=AMMC_ID)  # noqa: S608
    )
    drop_tables(SCHEMA, "period_locks", "figures")
