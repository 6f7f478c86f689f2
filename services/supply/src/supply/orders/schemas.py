"""Order bodies: the order as answered (with its lines and what has been delivered of
each), and a delivery received."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, Field

from clusterkit.codes import Region
from clusterkit.sql import Row
from supply.domain import Currency
from supply.orders.rules import OrderStatus
from supply.requests.schemas import RequestLine
from supply.schemas import Note, PositiveQuantity, Strict


# A line as the request asked for it, at the offer's price and date, and what has come of it.
class OrderLine(RequestLine):
    unit_price: Decimal
    amount: Decimal
    delivery_date: date
    delivered_quantity: Decimal


Step = Annotated[datetime | None, Field(description="When the order took this step, if it has")]


class Order(BaseModel):
    id: UUID
    request_id: UUID
    offer_id: UUID
    member_id: UUID
    supplier_id: UUID
    supplier_is_local: bool
    status: OrderStatus
    currency: Currency
    total_amount: Decimal
    usd_uzs_rate: Decimal
    total_uzs: Decimal
    needed_by: date
    delivery_region: Region
    lines: list[OrderLine]
    placed_at: datetime
    confirmed_at: Step = None
    shipped_at: Step = None
    delivered_at: Step = None
    cancelled_at: Step = None
    cancel_reason: str | None = None
    updated_at: datetime


class ReceivedLine(Strict):
    line_no: int = Field(ge=1)
    quantity: PositiveQuantity


class Delivery(Strict):
    lines: list[ReceivedLine] = Field(min_length=1, max_length=100)
    note: Note = None


ORDER_FIELDS = tuple(Order.model_fields)
LINE_FIELDS = tuple(OrderLine.model_fields)


def order_fields(order: Row, lines: Sequence[Row]) -> dict[str, Any]:
    """An order and its lines in the shape of :class:`Order`."""
    fields = {name: order[name] for name in ORDER_FIELDS if name != "lines"}
    fields["lines"] = [{name: line[name] for name in LINE_FIELDS} for line in lines]
    return {name: fields[name] for name in ORDER_FIELDS}


def order_answer(order: Row, lines: Sequence[Row]) -> Order:
    return Order.model_validate(order_fields(order, lines))
