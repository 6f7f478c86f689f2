"""suppliers, catalogue items, requests, offers, orders, deliveries, idempotency keys"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from clusterkit.migrations import (
    References,
    create_idempotency_table_v1,
    create_table,
    drop_tables,
    identity_id,
    organisation_columns,
    row_version,
    timestamp,
    uuid_id,
)

revision = "0002"
down_revision = "0001"

SCHEMA = "supply"
MONEY = sa.Numeric(20, 2)
QUANTITY = sa.Numeric(18, 3)


def upgrade() -> None:
    create_table(
        SCHEMA,
        "suppliers",
        uuid_id(),
        *organisation_columns(),
        sa.Column("is_local", sa.Boolean, nullable=False),
        sa.Column("categories", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("status_reason", sa.Text),
        sa.Column("member_id", sa.Uuid),
        timestamp("created_at"),
        timestamp("updated_at"),
        sa.UniqueConstraint("stir", name="uq_suppliers_stir"),
    )
    op.create_index("ix_suppliers_legal_name_id", "suppliers", ["legal_name", "id"], schema=SCHEMA)

    create_table(
        SCHEMA,
        "items",
        uuid_id(),
        sa.Column("supplier_id", sa.Uuid, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("hs_code", sa.String(10), nullable=False),
        sa.Column("unit", sa.String(3), nullable=False),
        sa.Column("unit_price", MONEY, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("local_content_pct", sa.Numeric(5, 2), nullable=False),
        sa.Column("lead_time_days", sa.Integer, nullable=False),
        sa.Column("available_quantity", QUANTITY, nullable=False),
        sa.Column("certifications", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        timestamp("created_at"),
        timestamp("updated_at"),
        row_version(),
        References("supplier_id", "suppliers"),
    )
    op.create_index("ix_items_unit_price_id", "items", ["unit_price", "id"], schema=SCHEMA)
    op.create_index("ix_items_lead_time_days_id", "items", ["lead_time_days", "id"], schema=SCHEMA)
    op.create_index(
        "ix_items_hs_code", "items", [sa.text("hs_code text_pattern_ops")], schema=SCHEMA
    )
    op.create_index("ix_items_supplier_id", "items", ["supplier_id"], schema=SCHEMA)

    create_table(
        SCHEMA,
        "requests",
        uuid_id(),
        sa.Column("member_id", sa.Uuid, nullable=False),
        sa.Column("lines", postgresql.JSONB, nullable=False),
        sa.Column("categories", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("needed_by", sa.Date, nullable=False),
        sa.Column("delivery_region", sa.String(5), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("status_reason", sa.Text),
        timestamp("created_at"),
        timestamp("updated_at"),
    )
    op.create_index("ix_requests_created_at_id", "requests", ["created_at", "id"], schema=SCHEMA)
    op.create_index(
        "ix_requests_member_id_created_at", "requests", ["member_id", "created_at"], schema=SCHEMA
    )
    op.create_index(
        "ix_requests_categories",
        "requests",
        ["categories"],
        schema=SCHEMA,
        postgresql_using="gin",
    )

    create_table(
        SCHEMA,
        "offers",
        uuid_id(),
        sa.Column("request_id", sa.Uuid, nullable=False),
        sa.Column("supplier_id", sa.Uuid, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("lines", postgresql.JSONB, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("total_amount", MONEY, nullable=False),
        timestamp("valid_until"),
        sa.Column("note", sa.Text),
        sa.Column("replaces_offer_id", sa.Uuid),
        timestamp("created_at"),
        timestamp("updated_at"),
        References("request_id", "requests"),
        References("supplier_id", "suppliers"),
    )
    op.create_index(
        "ix_offers_request_id_created_at", "offers", ["request_id", "created_at"], schema=SCHEMA
    )
    op.create_index(
        "uq_offers_live_per_supplier",
        "offers",
        ["request_id", "supplier_id"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'live'"),
    )

    create_table(
        SCHEMA,
        "orders",
        uuid_id(),
        sa.Column("request_id", sa.Uuid, nullable=False),
        sa.Column("offer_id", sa.Uuid, nullable=False),
        sa.Column("member_id", sa.Uuid, nullable=False),
        sa.Column("supplier_id", sa.Uuid, nullable=False),
        sa.Column("supplier_is_local", sa.Boolean, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("total_amount", MONEY, nullable=False),
        sa.Column("usd_uzs_rate", sa.Numeric(14, 4), nullable=False),
        sa.Column("total_uzs", MONEY, nullable=False),
        sa.Column("needed_by", sa.Date, nullable=False),
        sa.Column("delivery_region", sa.String(5), nullable=False),
        timestamp("placed_at"),
        timestamp("confirmed_at", nullable=True),
        timestamp("shipped_at", nullable=True),
        timestamp("delivered_at", nullable=True),
        timestamp("cancelled_at", nullable=True),
        sa.Column("cancel_reason", sa.Text),
        timestamp("updated_at"),
        sa.UniqueConstraint("request_id", name="uq_orders_request_id"),
        sa.UniqueConstraint("offer_id", name="uq_orders_offer_id"),
        References("request_id", "requests"),
        References("offer_id", "offers"),
        References("supplier_id", "suppliers"),
    )
    op.create_index("ix_orders_placed_at_id", "orders", ["placed_at", "id"], schema=SCHEMA)

    create_table(
        SCHEMA,
        "order_lines",
        sa.Column("order_id", sa.Uuid, nullable=False),
        sa.Column("line_no", sa.Integer, nullable=False),
        sa.Column("catalogue_item_id", sa.Uuid),
        sa.Column("hs_code", sa.String(10), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("quantity", QUANTITY, nullable=False),
        sa.Column("unit", sa.String(3), nullable=False),
        sa.Column("unit_price", MONEY, nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("delivery_date", sa.Date, nullable=False),
        sa.Column("delivered_quantity", QUANTITY, nullable=False, server_default="0"),
        References("order_id", "orders"),
        primary_key=("order_id", "line_no"),
    )

    create_table(
        SCHEMA,
        "deliveries",
        identity_id(),
        sa.Column("order_id", sa.Uuid, nullable=False),
        sa.Column("lines", postgresql.JSONB, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("recorded_by", sa.Text, nullable=False),
        timestamp("recorded_at"),
        References("order_id", "orders"),
    )
    op.create_index("ix_deliveries_order_id", "deliveries", ["order_id"], schema=SCHEMA)
    create_idempotency_table_v1(SCHEMA)


def downgrade() -> None:
    drop_tables(
        SCHEMA,
        "idempotency_keys",
        "deliveries",
        "order_lines",
        "orders",
        "offers",
        "requests",
        "items",
        "suppliers",
    )
