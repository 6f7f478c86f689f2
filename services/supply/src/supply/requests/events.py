"""A request for quotation's events: opened, closed by an accepted offer, or cancelled."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from supply.parties import Party

REQUEST_OPENED = "uz.coppercluster.supply.request.opened.v1"
REQUEST_CLOSED = "uz.coppercluster.supply.request.closed.v1"
REQUEST_CANCELLED = "uz.coppercluster.supply.request.cancelled.v1"


class RequestLine(BaseModel):
    line_no: int
    catalogue_item_id: UUID | None = None
    hs_code: str
    description: str
    category: str
    quantity: Decimal
    unit: str


class RequestOpened(BaseModel):
    """A member asks local suppliers for quotations."""

    request_id: UUID
    member: Party
    lines: list[RequestLine]
    categories: list[str]
    needed_by: date
    delivery_region: str
    opened_at: datetime


class RequestClosed(BaseModel):
    """The member accepted an offer: the request is answered, once."""

    request_id: UUID
    member_id: UUID
    offer_id: UUID
    order_id: UUID
    supplier_id: UUID
    occurred_at: datetime


class RequestCancelled(BaseModel):
    """``cancelled_by`` is ``member``, ``admin`` or ``membership`` (the member was
    suspended or expelled)."""

    request_id: UUID
    member_id: UUID
    cancelled_by: str
    reason: str
    occurred_at: datetime
