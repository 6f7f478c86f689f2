"""The catalogue's SQL: the search, an item, and the statements that list and keep items."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Numeric,
    Select,
    String,
    Update,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import insert

from clusterkit.listing import KeysetList, SortKey
from clusterkit.sql import Query, parameters
from supply.domain import Currency
from supply.items.rules import ItemStatus
from supply.items.schemas import catalogue_fields
from supply.queries import by_id, equals, given, supplier_beside
from supply.suppliers.rules import SupplierStatus
from supply.tables import items, suppliers

i, s = items.c, suppliers.c
BY_ID = by_id(items)
LISTING = [
    "id",
    "name",
    "description",
    "category",
    "hs_code",
    "unit",
    "unit_price",
    "currency",
    "local_content_pct",
    "lead_time_days",
    "available_quantity",
    "certifications",
]
# What an item is stays; the rest may change.
CHANGEABLE = [name for name in LISTING if name not in ("id", "category", "hs_code", "unit")]


def _list_item() -> Select[Any]:
    """One statement: the supplier, and the item inserted if that supplier is verified.
    No row: no such supplier; a row without an item id: the supplier does not trade."""
    supplier = (
        select(s.id, s.status, s.legal_name, s.stir, s.is_local)
        .where(s.id == bindparam("supplier_id", type_=s.id.type))
        .cte("supplier")
    )
    listing = parameters(items, LISTING)
    inserted = (
        insert(items)
        .from_select(
            [*LISTING, "supplier_id", "status", "created_at", "updated_at", "version"],
            select(
                *listing.values(),
                supplier.c.id,
                literal(ItemStatus.LISTED.value),
                func.now(),
                func.now(),
                literal(1),
            ).where(supplier.c.status == SupplierStatus.VERIFIED.value),
        )
        .returning(items)
        .cte("inserted")
    )
    return select(*supplier_beside(supplier.c), *inserted.c).select_from(
        supplier.outerjoin(inserted, true())
    )


LIST_ITEM = Query(_list_item())
ITEM = Query(select(items).where(BY_ID))
KEPT_ITEM = Query(
    select(items, *supplier_beside(s))
    .join(suppliers, s.id == i.supplier_id)
    .where(BY_ID)
    .with_for_update(of=items)
)


def _change(present: frozenset[str]) -> Update:
    return (
        update(items)
        .where(BY_ID)
        .values(
            **parameters(items, [name for name in CHANGEABLE if name in present]),
            updated_at=func.now(),
            version=i.version + 1,
        )
        .returning(items)
    )


CHANGE = Query(_change, shaped=True)
DELIST = Query(
    update(items)
    .where(BY_ID)
    .values(status=ItemStatus.DELISTED.value, updated_at=func.now(), version=i.version + 1)
    .returning(items)
)

# The price order's key: USD prices at the service's rate (``usd_uzs_rate``, given only
# when the search sorts by price).
PRICE_IN_UZS = case(
    (i.currency == Currency.USD.value, i.unit_price * bindparam("usd_uzs_rate", type_=Numeric)),
    else_=i.unit_price,
).label("sort_key")
LEAD_TIME = i.lead_time_days.label("sort_key")


def _sort_key(present: frozenset[str]) -> SortKey:
    return [PRICE_IN_UZS if "usd_uzs_rate" in present else LEAD_TIME, i.id]


# The search's filters by their parameters, each applied when given (``local_only`` is a
# shape: no parameter).
TEXT_LIKE = bindparam("text_like", type_=String)
FILTERS = {
    "category": equals(i.category),
    "hs_like": i.hs_code.like(bindparam("hs_like", type_=String), escape="/"),
    "text_like": or_(
        i.name.ilike(TEXT_LIKE, escape="/"), i.description.ilike(TEXT_LIKE, escape="/")
    ),
    "min_local_content": i.local_content_pct >= bindparam("min_local_content", type_=Numeric),
    "region": equals(s.region),
    "local_only": s.is_local.is_(True),
    "supplier_id": equals(i.supplier_id),
}


def _catalogue(present: frozenset[str]) -> Select[Any]:
    return (
        select(
            items,
            s.region.label("supplier_region"),
            s.is_local.label("supplier_is_local"),
            _sort_key(present)[0],
        )
        .join(suppliers, s.id == i.supplier_id)
        .where(
            i.status == ItemStatus.LISTED.value,
            s.status == SupplierStatus.VERIFIED.value,
            *given(present, FILTERS),
        )
    )


CATALOGUE = KeysetList(_catalogue, key=_sort_key, shape=catalogue_fields)
