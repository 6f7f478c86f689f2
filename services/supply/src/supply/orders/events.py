"""An order's events: placed (an offer accepted), confirmed, shipped, delivered (in part or
in full) or cancelled."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from supply.domain import Money
from supply.parties import Party, SupplierParty
from supply.requests.events import RequestLine

ORDER_PLACED = "uz.coppercluster.supply.order.placed.v1"
ORDER_CONFIRMED = "uz.coppercluster.supply.order.confirmed.v1"
ORDER_SHIPPED = "uz.coppercluster.supply.order.shipped.v1"
ORDER_DELIVERED = "uz.coppercluster.supply.order.delivered.v1"
ORDER_CANCELLED = "uz.coppercluster.supply.order.cancelled.v1"


# A line as the request asked for it, at the offer's price and date.
class OrderLine(RequestLine):
    unit_price: Decimal
    amount: Decimal
    delivery_date: date


class OrderPlaced(BaseModel):
    """A purchase order: the member accepted the supplier's offer. ``total_uzs`` is the value
    in UZS at ``usd_uzs_rate`` (1 for UZS orders), fixed when placed."""

    order_id: UUID
    request_id: UUID
    offer_id: UUID
    member: Party
    supplier: SupplierParty
    lines: list[OrderLine]
    total: Money
    usd_uzs_rate: Decimal
    total_uzs: Decimal
    needed_by: date
    delivery_region: str
    placed_at: datetime


class OrderMoved(BaseModel):
    """An order confirmed, shipped or cancelled."""

    order_id: UUID
    member_id: UUID
    supplier_id: UUID
    status: str
    previous_status: str
    reason: str | None = None
    occurred_at: datetime


class DeliveredLine(BaseModel):
    line_no: int
    received: Decimal
    delivered_quantity: Decimal
    ordered_quantity: Decimal
    unit: str


class OrderDelivered(BaseModel):
    """A delivery was received; ``complete`` once every line has arrived in full (the order
    is then ``delivered``, before that it stays ``shipped``)."""

    order_id: UUID
    member_id: UUID
    supplier_id: UUID
    status: str
    complete: bool
    lines: list[DeliveredLine]
    occurred_at: datetime
