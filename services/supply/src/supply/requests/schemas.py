"""Request-for-quotation bodies: what a member asks for, and the request as answered."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

from clusterkit.codes import Region
from clusterkit.i18n import N_
from supply.domain import Category, Unit
from supply.requests.rules import RequestStatus
from supply.schemas import Hs, Note, PositiveQuantity, Strict


class RequestLineIn(Strict):
    """Either a catalogue item, or an HS code with a description and category."""

    catalogue_item_id: UUID | None = None
    hs_code: Hs | None = None
    description: str | None = Field(None, min_length=1, max_length=500)
    category: Category | None = None
    quantity: PositiveQuantity
    unit: Unit

    @model_validator(mode="after")
    def _item_or_hs_code(self) -> RequestLineIn:
        if self.catalogue_item_id is None and self.hs_code is None:
            raise ValueError(N_("give catalogue_item_id, or hs_code with description and category"))
        return self


class SupplyRequestIn(Strict):
    lines: list[RequestLineIn] = Field(min_length=1, max_length=100)
    needed_by: date
    delivery_region: Region
    note: Note = None


class RequestLine(BaseModel):
    line_no: int
    catalogue_item_id: UUID | None = None
    hs_code: str
    description: str
    category: Category
    quantity: Decimal
    unit: Unit


class SupplyRequest(BaseModel):
    id: UUID
    member_id: UUID
    lines: list[RequestLine]
    categories: list[Category]
    needed_by: date
    delivery_region: Region
    note: str | None = None
    status: RequestStatus
    status_reason: str | None = None
    created_at: datetime
    updated_at: datetime
