"""An offer's events: submitted (or replacing the supplier's live one), and closed:
withdrawn or declined."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from supply.domain import Money
from supply.parties import SupplierParty

OFFER_SUBMITTED = "uz.coppercluster.supply.offer.submitted.v1"
OFFER_REPLACED = "uz.coppercluster.supply.offer.replaced.v1"
OFFER_WITHDRAWN = "uz.coppercluster.supply.offer.withdrawn.v1"
OFFER_DECLINED = "uz.coppercluster.supply.offer.declined.v1"


class OfferLine(BaseModel):
    line_no: int
    quantity: Decimal
    unit: str
    unit_price: Decimal
    amount: Decimal
    delivery_date: date


class OfferSubmitted(BaseModel):
    """A supplier's quotation; ``replaces_offer_id`` names the offer it replaced, if any."""

    offer_id: UUID
    request_id: UUID
    member_id: UUID
    supplier: SupplierParty
    lines: list[OfferLine]
    total: Money
    valid_until: datetime
    replaces_offer_id: UUID | None = None
    occurred_at: datetime


class OfferClosed(BaseModel):
    """An offer left the race: withdrawn by its supplier, or declined (another offer was
    accepted, or the request was cancelled)."""

    offer_id: UUID
    request_id: UUID
    supplier_id: UUID
    status: str
    reason: str | None = None
    occurred_at: datetime
