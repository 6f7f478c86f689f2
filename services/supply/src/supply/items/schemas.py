"""Catalogue bodies: a listing, a change, and the item as answered (the price with its
currency)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, Field

from clusterkit.codes import Region
from clusterkit.sql import Row
from supply.domain import Category, Currency, Unit
from supply.items.rules import ItemStatus
from supply.schemas import Hs, Price, Strict


class Money(Strict):
    amount: Price
    currency: Currency


class Sort(StrEnum):
    PRICE = "price"  # in UZS, USD prices at the service's rate
    LEAD_TIME = "lead_time"


Certifications = list[Annotated[str, Field(min_length=1, max_length=200)]]


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
    certifications: Certifications = Field(default_factory=list, max_length=50)


class ItemChange(Strict):
    """Only the fields sent change; ``If-Match`` with the item's ETag is required."""

    name: str | None = Field(None, min_length=2, max_length=300)
    description: str | None = Field(None, max_length=5000)
    unit_price: Money | None = None
    local_content_pct: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    lead_time_days: int | None = Field(None, ge=0, le=3650)
    available_quantity: Decimal | None = Field(None, ge=0, max_digits=18, decimal_places=3)
    certifications: Certifications | None = Field(None, max_length=50)


IN_SEARCH = "The supplier's, in the catalogue search (null elsewhere)"


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
    supplier_region: Region | None = Field(None, description=IN_SEARCH)
    supplier_is_local: bool | None = Field(None, description=IN_SEARCH)
    created_at: datetime
    updated_at: datetime
    version: int


FIELDS = tuple(Item.model_fields)
SUPPLIER_FIELDS = frozenset({"supplier_region", "supplier_is_local"})


def item_fields(row: Row, *, with_supplier: bool = False) -> dict[str, Any]:
    """An item row in the shape of :class:`Item`; the supplier's region and locality only
    where the catalogue search gives them."""
    fields: dict[str, Any] = {}
    for name in FIELDS:
        if name == "unit_price":
            fields[name] = {"amount": row["unit_price"], "currency": row["currency"]}
        elif name in SUPPLIER_FIELDS:
            fields[name] = row[name] if with_supplier else None
        else:
            fields[name] = row[name]
    return fields


def catalogue_fields(row: Row) -> dict[str, Any]:
    return item_fields(row, with_supplier=True)


def item_answer(row: Row) -> Item:
    return Item.model_validate(item_fields(row))
