"""Tables of the ``supply`` schema (SQLAlchemy Core): what the migrations create and the
queries read."""

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from clusterkit.consumer import Inbox
from clusterkit.documents import Documents, document_tables
from clusterkit.idempotency import Idempotency
from clusterkit.member_projection import member_table
from clusterkit.outbox import Outbox
from clusterkit.sql import service_metadata

SCHEMA = "supply"
TOPIC = "supply.events"

# Amounts: UZS sums reach 10^12, so numeric(20, 2); quantities to the gram or millilitre;
# moments with their time zone.
Amount = Numeric(20, 2)
Quantity = Numeric(18, 3)
Moment = DateTime(timezone=True)


def _id() -> Column[Any]:
    """The key of what the service makes: a UUID it gives each (``uuid4``, not the database)."""
    return Column("id", Uuid, primary_key=True)


def _stamps() -> list[Column[Any]]:
    """When a row was made and when it last changed."""
    return [
        Column("created_at", Moment, nullable=False),
        Column("updated_at", Moment, nullable=False),
    ]


metadata = service_metadata(SCHEMA)
outbox = Outbox(metadata, topic=TOPIC)
inbox = Inbox(metadata)
idempotency = Idempotency(metadata)

# Cluster members as supply sees them (who may request supplies), projected from
# membership events (see supply.members).
members = member_table(metadata, "members")

suppliers = Table(
    "suppliers",
    metadata,
    _id(),
    Column("legal_name", Text, nullable=False),
    Column("stir", String(9), nullable=False, unique=True),
    Column("region", String(5), nullable=False),
    Column("is_local", Boolean, nullable=False),
    Column("categories", ARRAY(Text), nullable=False),
    Column("status", Text, nullable=False),
    Column("status_reason", Text),
    Column("member_id", Uuid),
    *_stamps(),
    Index("ix_suppliers_legal_name_id", "legal_name", "id"),
)

items = Table(
    "items",
    metadata,
    _id(),
    Column("supplier_id", Uuid, ForeignKey("suppliers.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("description", Text, nullable=False, server_default=""),
    Column("category", Text, nullable=False),
    Column("hs_code", String(10), nullable=False),
    Column("unit", String(3), nullable=False),
    Column("unit_price", Amount, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("local_content_pct", Numeric(5, 2), nullable=False),
    Column("lead_time_days", Integer, nullable=False),
    Column("available_quantity", Quantity, nullable=False),
    Column("certifications", ARRAY(Text), nullable=False),
    Column("status", Text, nullable=False),
    *_stamps(),
    Column("version", Integer, nullable=False, server_default="1"),
    # Keyset orders of the search: by id, by price, by lead time.
    Index("ix_items_unit_price_id", "unit_price", "id"),
    Index("ix_items_lead_time_days_id", "lead_time_days", "id"),
    Index("ix_items_hs_code", text("hs_code text_pattern_ops")),
    Index("ix_items_supplier_id", "supplier_id"),
)

# A request for quotation by a member. Its lines never change once opened (JSONB:
# line_no, catalogue_item_id, hs_code, description, category, quantity, unit); the
# categories they touch decide which suppliers see it.
requests = Table(
    "requests",
    metadata,
    _id(),
    Column("member_id", Uuid, nullable=False),
    Column("lines", JSONB, nullable=False),
    Column("categories", ARRAY(Text), nullable=False),
    Column("needed_by", Date, nullable=False),
    Column("delivery_region", String(5), nullable=False),
    Column("note", Text),
    Column("status", Text, nullable=False),
    Column("status_reason", Text),
    *_stamps(),
    Index("ix_requests_created_at_id", "created_at", "id"),
    Index("ix_requests_member_id_created_at", "member_id", "created_at"),
    Index("ix_requests_categories", "categories", postgresql_using="gin"),
)

# A supplier's quotation on a request; per line: unit_price, quantity, delivery_date.
offers = Table(
    "offers",
    metadata,
    _id(),
    Column("request_id", Uuid, ForeignKey("requests.id"), nullable=False),
    Column("supplier_id", Uuid, ForeignKey("suppliers.id"), nullable=False),
    Column("status", Text, nullable=False),
    Column("lines", JSONB, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("total_amount", Amount, nullable=False),
    Column("valid_until", Moment, nullable=False),
    Column("note", Text),
    Column("replaces_offer_id", Uuid),
    *_stamps(),
    Index("ix_offers_request_id_created_at", "request_id", "created_at"),
    # One live offer per supplier per request, held by the database even under races.
    Index(
        "uq_offers_live_per_supplier",
        "request_id",
        "supplier_id",
        unique=True,
        postgresql_where=text("status = 'live'"),
    ),
)

# The purchase order made when a member accepts an offer. One per request and per offer:
# an RFQ is answered once, whatever races.
orders = Table(
    "orders",
    metadata,
    _id(),
    Column("request_id", Uuid, ForeignKey("requests.id"), nullable=False, unique=True),
    Column("offer_id", Uuid, ForeignKey("offers.id"), nullable=False, unique=True),
    Column("member_id", Uuid, nullable=False),
    Column("supplier_id", Uuid, ForeignKey("suppliers.id"), nullable=False),
    Column("supplier_is_local", Boolean, nullable=False),
    Column("status", Text, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("total_amount", Amount, nullable=False),
    # UZS per USD when placed: the order's value in UZS never moves with later rates.
    Column("usd_uzs_rate", Numeric(14, 4), nullable=False),
    Column("total_uzs", Amount, nullable=False),
    Column("needed_by", Date, nullable=False),
    Column("delivery_region", String(5), nullable=False),
    Column("placed_at", Moment, nullable=False),
    Column("confirmed_at", Moment),
    Column("shipped_at", Moment),
    Column("delivered_at", Moment),
    Column("cancelled_at", Moment),
    Column("cancel_reason", Text),
    Column("updated_at", Moment, nullable=False),
    Index("ix_orders_placed_at_id", "placed_at", "id"),
)

order_lines = Table(
    "order_lines",
    metadata,
    Column("order_id", Uuid, ForeignKey("orders.id"), nullable=False),
    Column("line_no", Integer, nullable=False),
    Column("catalogue_item_id", Uuid),
    Column("hs_code", String(10), nullable=False),
    Column("description", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("quantity", Quantity, nullable=False),
    Column("unit", String(3), nullable=False),
    Column("unit_price", Amount, nullable=False),
    Column("amount", Amount, nullable=False),
    Column("delivery_date", Date, nullable=False),
    Column("delivered_quantity", Quantity, nullable=False, server_default="0"),
    PrimaryKeyConstraint("order_id", "line_no"),
)

# Every delivery recorded against an order (partial ones too): the receiving trail.
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("order_id", Uuid, ForeignKey("orders.id"), nullable=False),
    Column("lines", JSONB, nullable=False),
    Column("note", Text),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", Moment, nullable=False),
    Index("ix_deliveries_order_id", "order_id"),
)

# Documents attached to suppliers, requests and offers (migration 0003); bytes in Postgres.
documents = Documents(*document_tables(metadata))

# A supplier's local-production certificates (each is a document of its own): the supplier
# counts as local from a certificate's issue date to its expiry date; the expiry notice goes
# out once, 30 days before (``expiry_announced_at``).
certificates = Table(
    "certificates",
    metadata,
    Column("document_id", Uuid, primary_key=True),
    Column("supplier_id", Uuid, ForeignKey("suppliers.id"), nullable=False),
    Column("number", Text, nullable=False),
    Column("issuer", Text, nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("expires_on", Date, nullable=False),
    Column("local_content_percent", Numeric(5, 2), nullable=False),
    Column("expiry_announced_at", Moment),
    Index("ix_certificates_supplier_id_expires_on", "supplier_id", "expires_on"),
)

# Where a supplier's notices go (migration 0004): kept apart from the public supplier row,
# so no list or event ever carries it; read by the supplier itself, admins and the notifier.
# ``language`` (0006): the notices' language, null for the notifier's default.
supplier_contacts = Table(
    "supplier_contacts",
    metadata,
    Column("supplier_id", Uuid, ForeignKey("suppliers.id"), primary_key=True),
    Column("email", Text, nullable=False),
    Column("language", Text),
    Column("updated_at", Moment, nullable=False),
)
