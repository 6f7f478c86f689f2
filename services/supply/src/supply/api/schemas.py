"""Request and response bodies of the supply API."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from clusterkit.codes import HsCode, Region, Stir
from supply.domain import (
    Category,
    Currency,
    ItemStatus,
    OfferStatus,
    OrderStatus,
    RequestStatus,
    SupplierStatus,
    Unit,
)

Reason = Annotated[str, Field(min_length=1, max_length=2000)]
Note = Annotated[str | None, Field(max_length=2000)]
PositiveQuantity = Annotated[Decimal, Field(gt=0, max_digits=18, decimal_places=3)]
Price = Annotated[Decimal, Field(gt=0, max_digits=20, decimal_places=2)]
# Stored as digits only, so a search by HS prefix finds "2825.10" and "282510" alike.
Hs = Annotated[HsCode, AfterValidator(lambda code: code.replace(".", ""))]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Money(Strict):
    amount: Price
    currency: Currency


# -- suppliers ------------------------------------------------------------------------------


class SupplierRegistration(Strict):
    legal_name: str = Field(min_length=2, max_length=300)
    stir: Stir
    region: Region
    is_local: bool = Field(description="Registered and producing in Uzbekistan")
    categories: list[Category] = Field(min_length=1, max_length=len(Category))
    member_id: UUID | None = Field(None, description="The cluster member it also is, if any")


class Supplier(BaseModel):
    id: UUID
    legal_name: str
    stir: str
    region: Region
    is_local: bool
    categories: list[Category]
    status: SupplierStatus
    status_reason: str | None = None
    member_id: UUID | None = None
    created_at: datetime
    updated_at: datetime


class StatusReason(Strict):
    reason: Note = None


class RequiredReason(Strict):
    reason: Reason


# -- catalogue ------------------------------------------------------------------------------


class ItemListing(Strict):
    supplier_id: UUID | None = Field(
        None, description="Only admins name it; a supplier key lists for its own"
    )
    name: str = Field(min_length=2, max_length=300)
    description: str = Field("", max_length=5000)
    category: Category
    hs_code: Hs
    unit: Unit
    unit_price: Money
    local_content_pct: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2)
    lead_time_days: int = Field(ge=0, le=3650)
    available_quantity: Decimal = Field(ge=0, max_digits=18, decimal_places=3)
    certifications: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=50
    )


class ItemChange(Strict):
    """Only the fields sent change; ``If-Match`` with the item's ETag is required."""

    name: str | None = Field(None, min_length=2, max_length=300)
    description: str | None = Field(None, max_length=5000)
    unit_price: Money | None = None
    local_content_pct: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    lead_time_days: int | None = Field(None, ge=0, le=3650)
    available_quantity: Decimal | None = Field(None, ge=0, max_digits=18, decimal_places=3)
    certifications: list[Annotated[str, Field(min_length=1, max_length=200)]] | None = Field(
        None, max_length=50
    )


class Item(BaseModel):
    id: UUID
    supplier_id: UUID
    name: str
    description: str
    category: Category
    hs_code: str
    unit: Unit
    unit_price: Money
    local_content_pct: Decimal
    lead_time_days: int
    available_quantity: Decimal
    certifications: list[str]
    status: ItemStatus
    supplier_region: Region | None = None
    supplier_is_local: bool | None = None
    created_at: datetime
    updated_at: datetime
    version: int


# -- requests -------------------------------------------------------------------------------


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
            raise ValueError("give catalogue_item_id, or hs_code with description and category")
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


# -- offers ---------------------------------------------------------------------------------


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
    replaces_offer_id: UUID | None = None
    created_at: datetime
    updated_at: datetime


# -- orders ---------------------------------------------------------------------------------


class OrderLine(BaseModel):
    line_no: int
    catalogue_item_id: UUID | None = None
    hs_code: str
    description: str
    category: Category
    quantity: Decimal
    unit: Unit
    unit_price: Decimal
    amount: Decimal
    delivery_date: date
    delivered_quantity: Decimal


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
    confirmed_at: datetime | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    updated_at: datetime


class ReceivedLine(Strict):
    line_no: int = Field(ge=1)
    quantity: PositiveQuantity


class Delivery(Strict):
    lines: list[ReceivedLine] = Field(min_length=1, max_length=100)
    note: Note = None


# -- statistics -----------------------------------------------------------------------------


class LocalShare(BaseModel):
    total_uzs: Decimal
    local_uzs: Decimal
    non_local_uzs: Decimal
    local_share: Decimal | None = Field(description="local ÷ total, null when nothing was bought")


class CategoryShare(LocalShare):
    category: Category


class Localization(LocalShare):
    year: int
    orders: int
    by_category: list[CategoryShare]
    reference_2025: dict[str, Decimal] = Field(
        description="AMMC's 2025 localization figures (UZS): local products, and purchases "
        "through industrial cooperation"
    )
