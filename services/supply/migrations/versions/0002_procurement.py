"""suppliers, catalogue items, requests, offers, orders, deliveries, idempotency keys"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from clusterkit.migrations import create_idempotency_table_v1

revision = "0002"
down_revision = "0001"

SCHEMA = "supply"
MONEY = sa.Numeric(20, 2)
QUANTITY = sa.Numeric(18, 3)


def _at(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "suppliers",
        sa.Column("id", sa.Uuid, nullable=False),
        sa.Column("legal_name", sa.Text, nullable=False),
        sa.Column("stir", sa.String(9), nullable=False),
        sa.Column("region", sa.String(5), nullable=False),
        sa.Column("is_local", sa.Boolean, nullable=False),
        sa.Column("categories", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("status_reason", sa.Text),
        sa.Column("member_id", sa.Uuid),
        _at("created_at"),
        _at("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_suppliers"),
        sa.UniqueConstraint("stir", name="uq_suppliers_stir"),
        schema=SCHEMA,
    )
    op.create_index("ix_suppliers_legal_name_id", "suppliers", ["legal_name", "id"], schema=SCHEMA)

    op.create_table(
        "items",
        sa.Column("id", sa.Uuid, nullable=False),
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
        _at("created_at"),
        _at("updated_at"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.PrimaryKeyConstraint("id", name="pk_items"),
        sa.ForeignKeyConstraint(
            ["supplier_id"], [f"{SCHEMA}.suppliers.id"], name="fk_items_supplier_id_suppliers"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_items_unit_price_id", "items", ["unit_price", "id"], schema=SCHEMA)
    op.create_index("ix_items_lead_time_days_id", "items", ["lead_time_days", "id"], schema=SCHEMA)
    op.create_index(
        "ix_items_hs_code", "items", [sa.text("hs_code text_pattern_ops")], schema=SCHEMA
    )
    op.create_index("ix_items_supplier_id", "items", ["supplier_id"], schema=SCHEMA)

    op.create_table(
        "requests",
        sa.Column("id", sa.Uuid, nullable=False),
        sa.Column("member_id", sa.Uuid, nullable=False),
        sa.Column("lines", postgresql.JSONB, nullable=False),
        sa.Column("categories", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("needed_by", sa.Date, nullable=False),
        sa.Column("delivery_region", sa.String(5), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("status_reason", sa.Text),
        _at("created_at"),
        _at("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_requests"),
        schema=SCHEMA,
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

    op.create_table(
        "offers",
        sa.Column("id", sa.Uuid, nullable=False),
        sa.Column("request_id", sa.Uuid, nullable=False),
        sa.Column("supplier_id", sa.Uuid, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("lines", postgresql.JSONB, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("total_amount", MONEY, nullable=False),
        _at("valid_until"),
        sa.Column("note", sa.Text),
        sa.Column("replaces_offer_id", sa.Uuid),
        _at("created_at"),
        _at("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_offers"),
        sa.ForeignKeyConstraint(
            ["request_id"], [f"{SCHEMA}.requests.id"], name="fk_offers_request_id_requests"
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], [f"{SCHEMA}.suppliers.id"], name="fk_offers_supplier_id_suppliers"
        ),
        schema=SCHEMA,
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

    op.create_table(
        "orders",
        sa.Column("id", sa.Uuid, nullable=False),
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
        _at("placed_at"),
        _at("confirmed_at", nullable=True),
        _at("shipped_at", nullable=True),
        _at("delivered_at", nullable=True),
        _at("cancelled_at", nullable=True),
        sa.Column("cancel_reason", sa.Text),
        _at("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_orders"),
        sa.UniqueConstraint("request_id", name="uq_orders_request_id"),
        sa.UniqueConstraint("offer_id", name="uq_orders_offer_id"),
        sa.ForeignKeyConstraint(
            ["request_id"], [f"{SCHEMA}.requests.id"], name="fk_orders_request_id_requests"
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], [f"{SCHEMA}.offers.id"], name="fk_orders_offer_id_offers"
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], [f"{SCHEMA}.suppliers.id"], name="fk_orders_supplier_id_suppliers"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_orders_placed_at_id", "orders", ["placed_at", "id"], schema=SCHEMA)

    op.create_table(
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
        sa.PrimaryKeyConstraint("order_id", "line_no", name="pk_order_lines"),
        sa.ForeignKeyConstraint(
            ["order_id"], [f"{SCHEMA}.orders.id"], name="fk_order_lines_order_id_orders"
        ),
        schema=SCHEMA,
    )

    op.create_table(
        "deliveries",
        sa.Column("id", sa.BigInteger, sa.Identity(always=True), nullable=False),
        sa.Column("order_id", sa.Uuid, nullable=False),
        sa.Column("lines", postgresql.JSONB, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("recorded_by", sa.Text, nullable=False),
        _at("recorded_at"),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
        sa.ForeignKeyConstraint(
            ["order_id"], [f"{SCHEMA}.orders.id"], name="fk_deliveries_order_id_orders"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_deliveries_order_id", "deliveries", ["order_id"], schema=SCHEMA)
    create_idempotency_table_v1(SCHEMA)


def downgrade() -> None:
    for table in (
        "idempotency_keys",
        "deliveries",
        "order_lines",
        "orders",
        "offers",
        "requests",
        "items",
        "suppliers",
    ):
        op.drop_table(table, schema=SCHEMA)
