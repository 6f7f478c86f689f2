"""Events the supply service publishes to ``supply.events`` for procurement tools.

Each carries what a tool needs to act without calling back: ids, the parties, quantities
with units and amounts with currency. Key = supplier id (``supplier.*``), item id
(``item.*``), request id (``request.*`` and ``offer.*``, so a request's offers stay in order
with it) or order id (``order.*``).
The models live with their features; this is the service's catalogue of them, with an
example of each (the supplier lifecycle's examples are beside their model).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

from clusterkit.contracts import EventContract, EventContracts
from supply.certificates.events import CERTIFICATE_EXPIRING, CertificateExpiring
from supply.certificates.events import EXAMPLE as _EXPIRING
from supply.domain import Money
from supply.items.events import (
    ITEM_DELISTED,
    ITEM_LISTED,
    ITEM_PRICE_CHANGED,
    ITEM_UPDATED,
    ItemChanged,
    ItemPriceChanged,
)
from supply.offers.events import (
    OFFER_DECLINED,
    OFFER_REPLACED,
    OFFER_SUBMITTED,
    OFFER_WITHDRAWN,
    OfferClosed,
    OfferLine,
    OfferSubmitted,
)
from supply.orders.events import (
    ORDER_CANCELLED,
    ORDER_CONFIRMED,
    ORDER_DELIVERED,
    ORDER_PLACED,
    ORDER_SHIPPED,
    DeliveredLine,
    OrderDelivered,
    OrderLine,
    OrderMoved,
    OrderPlaced,
)
from supply.parties import Party, SupplierParty
from supply.requests.events import (
    REQUEST_CANCELLED,
    REQUEST_CLOSED,
    REQUEST_OPENED,
    RequestCancelled,
    RequestClosed,
    RequestLine,
    RequestOpened,
)
from supply.suppliers.events import (
    SUPPLIER_LIFECYCLE,
    SUPPLIER_REGISTERED,
    SUPPLIER_REINSTATED,
    SUPPLIER_SUSPENDED,
    SUPPLIER_VERIFIED,
    SupplierChanged,
)
from supply.tables import TOPIC

__all__ = [
    "CERTIFICATE_EXPIRING",
    "ITEM_DELISTED",
    "ITEM_LISTED",
    "ITEM_PRICE_CHANGED",
    "ITEM_UPDATED",
    "OFFER_DECLINED",
    "OFFER_REPLACED",
    "OFFER_SUBMITTED",
    "OFFER_WITHDRAWN",
    "ORDER_CANCELLED",
    "ORDER_CONFIRMED",
    "ORDER_DELIVERED",
    "ORDER_PLACED",
    "ORDER_SHIPPED",
    "REQUEST_CANCELLED",
    "REQUEST_CLOSED",
    "REQUEST_OPENED",
    "SUPPLIER_REGISTERED",
    "SUPPLIER_REINSTATED",
    "SUPPLIER_SUSPENDED",
    "SUPPLIER_VERIFIED",
    "contracts",
]

_AT = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
_ITEM = UUID("5a0c1f7e-2b3d-4e5f-8a9b-0c1d2e3f4a51")
_REQUEST = UUID("6b1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e52")
_OFFER = UUID("7c2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f53")
_ORDER = UUID("8d3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a54")
_MEMBER = Party(
    id=UUID("7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"),
    legal_name="Olmaliq Kabel Zavodi LLC",
    stir="305112233",
)
_SUPPLIER = SupplierParty(
    id=UUID("9e4a5b6c-7d8e-4f9a-8b1c-2d3e4f5a6b55"),
    legal_name="Navoiyazot JSC",
    stir="200994837",
    is_local=True,
)
_LIME = RequestLine(
    line_no=1,
    catalogue_item_id=_ITEM,
    hs_code="282510",
    description="Quicklime, 90% CaO",
    category="reagent",
    quantity=Decimal("400.000"),
    unit="TNE",
)
_OFFERED = OfferLine(
    line_no=1,
    quantity=Decimal("400.000"),
    unit="TNE",
    unit_price=Decimal("1450000.00"),
    amount=Decimal("580000000.00"),
    delivery_date=date(2026, 3, 20),
)

_ITEM_EXAMPLE = ItemChanged(
    item_id=_ITEM,
    supplier=_SUPPLIER,
    name="Quicklime, 90% CaO",
    category="reagent",
    hs_code="282510",
    unit="TNE",
    unit_price=Money(amount=Decimal("1450000.00"), currency="UZS"),
    local_content_pct=Decimal("100.00"),
    lead_time_days=10,
    available_quantity=Decimal("5000.000"),
    certifications=["O'zDSt 1180"],
    status="listed",
    version=1,
    occurred_at=_AT,
)
_OPENED = RequestOpened(
    request_id=_REQUEST,
    member=_MEMBER,
    lines=[_LIME],
    categories=["reagent"],
    needed_by=date(2026, 4, 1),
    delivery_region="UZ-TO",
    opened_at=_AT,
)
_OFFER_EXAMPLE = OfferSubmitted(
    offer_id=_OFFER,
    request_id=_REQUEST,
    member_id=_MEMBER.id,
    supplier=_SUPPLIER,
    lines=[_OFFERED],
    total=Money(amount=Decimal("580000000.00"), currency="UZS"),
    valid_until=datetime(2026, 3, 16, tzinfo=UTC),
    occurred_at=_AT,
)
_WITHDRAWN = OfferClosed(
    offer_id=_OFFER,
    request_id=_REQUEST,
    supplier_id=_SUPPLIER.id,
    status="withdrawn",
    reason="Price list changed.",
    occurred_at=_AT,
)
_CONFIRMED = OrderMoved(
    order_id=_ORDER,
    member_id=_MEMBER.id,
    supplier_id=_SUPPLIER.id,
    status="confirmed",
    previous_status="placed",
    occurred_at=_AT,
)

contracts = EventContracts(
    service="supply",
    source="/coppercluster/supply",
    topic=TOPIC,
    description=(
        "Locally made reagents and equipment for cluster members: the catalogue, requests for "
        "quotation, offers and purchase orders."
    ),
    contracts=[
        *(
            EventContract(type_, SupplierChanged, summary, example, "supplier_id")
            for type_, (summary, example) in SUPPLIER_LIFECYCLE.items()
        ),
        EventContract(
            CERTIFICATE_EXPIRING,
            CertificateExpiring,
            "A supplier's local-production certificate expires within 30 days.",
            _EXPIRING,
            "supplier_id",
        ),
        EventContract(
            ITEM_LISTED,
            ItemChanged,
            "A supplier listed an item in the catalogue.",
            _ITEM_EXAMPLE,
            "item_id",
        ),
        EventContract(
            ITEM_UPDATED,
            ItemChanged,
            "A catalogue item changed (other than its price).",
            _ITEM_EXAMPLE.model_copy(update={"lead_time_days": 7, "version": 2}),
            "item_id",
        ),
        EventContract(
            ITEM_PRICE_CHANGED,
            ItemPriceChanged,
            "A catalogue item's unit price changed.",
            ItemPriceChanged(
                item_id=_ITEM,
                supplier_id=_SUPPLIER.id,
                unit="TNE",
                unit_price=Money(amount=Decimal("1390000.00"), currency="UZS"),
                previous_unit_price=Money(amount=Decimal("1450000.00"), currency="UZS"),
                version=3,
                occurred_at=_AT,
            ),
            "item_id",
        ),
        EventContract(
            ITEM_DELISTED,
            ItemChanged,
            "A catalogue item was withdrawn from sale.",
            _ITEM_EXAMPLE.model_copy(update={"status": "delisted", "version": 4}),
            "item_id",
        ),
        EventContract(
            REQUEST_OPENED,
            RequestOpened,
            "A member asked for quotations.",
            _OPENED,
            "request_id",
        ),
        EventContract(
            REQUEST_CLOSED,
            RequestClosed,
            "The member accepted an offer; the request is closed.",
            RequestClosed(
                request_id=_REQUEST,
                member_id=_MEMBER.id,
                offer_id=_OFFER,
                order_id=_ORDER,
                supplier_id=_SUPPLIER.id,
                occurred_at=_AT,
            ),
            "request_id",
        ),
        EventContract(
            REQUEST_CANCELLED,
            RequestCancelled,
            "A request was cancelled (by the member, an admin, or because the member was "
            "suspended or expelled).",
            RequestCancelled(
                request_id=_REQUEST,
                member_id=_MEMBER.id,
                cancelled_by="membership",
                reason="The member was suspended.",
                occurred_at=_AT,
            ),
            "request_id",
        ),
        EventContract(
            OFFER_SUBMITTED,
            OfferSubmitted,
            "A supplier sent a quotation.",
            _OFFER_EXAMPLE,
            "request_id",
        ),
        EventContract(
            OFFER_REPLACED,
            OfferSubmitted,
            "A supplier replaced its live quotation with a new one.",
            _OFFER_EXAMPLE.model_copy(
                update={
                    "offer_id": UUID("7c2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f60"),
                    "replaces_offer_id": _OFFER,
                }
            ),
            "request_id",
        ),
        EventContract(
            OFFER_WITHDRAWN,
            OfferClosed,
            "A supplier withdrew its offer.",
            _WITHDRAWN,
            "request_id",
        ),
        EventContract(
            OFFER_DECLINED,
            OfferClosed,
            "An offer was declined: another was accepted or the request was cancelled.",
            _WITHDRAWN.model_copy(
                update={"status": "declined", "reason": "Another offer was accepted."}
            ),
            "request_id",
        ),
        EventContract(
            ORDER_PLACED,
            OrderPlaced,
            "A purchase order: the member accepted an offer.",
            OrderPlaced(
                order_id=_ORDER,
                request_id=_REQUEST,
                offer_id=_OFFER,
                member=_MEMBER,
                supplier=_SUPPLIER,
                lines=[
                    OrderLine(
                        **_LIME.model_dump(exclude={"quantity", "unit"}),
                        **_OFFERED.model_dump(exclude={"line_no"}),
                    )
                ],
                total=Money(amount=Decimal("580000000.00"), currency="UZS"),
                usd_uzs_rate=Decimal("1"),
                total_uzs=Decimal("580000000.00"),
                needed_by=_OPENED.needed_by,
                delivery_region=_OPENED.delivery_region,
                placed_at=_AT,
            ),
            "order_id",
        ),
        EventContract(
            ORDER_CONFIRMED,
            OrderMoved,
            "The supplier confirmed the order.",
            _CONFIRMED,
            "order_id",
        ),
        EventContract(
            ORDER_SHIPPED,
            OrderMoved,
            "The supplier shipped the order.",
            _CONFIRMED.model_copy(update={"status": "shipped", "previous_status": "confirmed"}),
            "order_id",
        ),
        EventContract(
            ORDER_DELIVERED,
            OrderDelivered,
            "The member received a delivery (in part or in full).",
            OrderDelivered(
                order_id=_ORDER,
                member_id=_MEMBER.id,
                supplier_id=_SUPPLIER.id,
                status="delivered",
                complete=True,
                lines=[
                    DeliveredLine(
                        line_no=1,
                        received=Decimal("150.000"),
                        delivered_quantity=Decimal("400.000"),
                        ordered_quantity=Decimal("400.000"),
                        unit="TNE",
                    )
                ],
                occurred_at=_AT,
            ),
            "order_id",
        ),
        EventContract(
            ORDER_CANCELLED,
            OrderMoved,
            "The order was cancelled, with the reason.",
            _CONFIRMED.model_copy(
                update={
                    "status": "cancelled",
                    "previous_status": "confirmed",
                    "reason": "Plant shutdown for maintenance.",
                }
            ),
            "order_id",
        ),
    ],
)
