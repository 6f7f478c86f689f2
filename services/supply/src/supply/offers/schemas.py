"""Offer bodies: a supplier's quotation, and the offer as answered."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field

from supply.domain import Currency, Unit
from supply.offers.rules import OfferStatus
from supply.schemas import Note, PositiveQuantity, Price, Strict


class OfferLineIn(Strict):
    line_no: int = Field(ge=1)
    unit_price: Price
    quantity: PositiveQuantity
    unit: Unit
    delivery_date: date


class OfferIn(Strict):
    currency: Currency
    lines: list[OfferLineIn] = Field(min_length=1, max_length=100)
    valid_until: datetime
    note: Note = None


class OfferLine(BaseModel):
    line_no: int
    quantity: Decimal
    unit: Unit
    unit_price: Decimal
    amount: Decimal
    delivery_date: date


class Offer(BaseModel):
    id: UUID
    request_id: UUID
    supplier_id: UUID
    status: OfferStatus
    lines: list[OfferLine]
    currency: Currency
    total_amount: Decimal
    valid_until: datetime
    note: str | None = None
    replaces_offer_id: UUID | None = Field(None, description="The supplier's offer it replaced")
    created_at: datetime
    updated_at: datetime
