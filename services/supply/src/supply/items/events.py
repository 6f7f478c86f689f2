"""The catalogue's events: an item as it now stands, and a change of its price."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from supply.domain import Money
from supply.parties import SupplierParty

ITEM_LISTED = "uz.coppercluster.supply.item.listed.v1"
ITEM_UPDATED = "uz.coppercluster.supply.item.updated.v1"
ITEM_PRICE_CHANGED = "uz.coppercluster.supply.item.price_changed.v1"
ITEM_DELISTED = "uz.coppercluster.supply.item.delisted.v1"


class ItemChanged(BaseModel):
    """A catalogue item as it now stands (listed, updated or delisted)."""

    item_id: UUID
    supplier: SupplierParty
    name: str
    category: str
    hs_code: str
    unit: str
    unit_price: Money
    local_content_pct: Decimal
    lead_time_days: int
    available_quantity: Decimal
    certifications: list[str]
    status: str
    version: int
    occurred_at: datetime


class ItemPriceChanged(BaseModel):
    item_id: UUID
    supplier_id: UUID
    unit: str
    unit_price: Money
    previous_unit_price: Money
    version: int
    occurred_at: datetime
