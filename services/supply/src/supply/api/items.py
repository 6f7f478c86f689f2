"""``/api/v1/supply/items``: the catalogue of locally made reagents, equipment and parts.
Anyone searches it; a verified supplier lists and keeps its own items."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy import (
    Integer,
    Numeric,
    Select,
    String,
    Uuid,
    bindparam,
    case,
    or_,
    select,
    tuple_,
)
from sqlalchemy.sql.elements import ColumnElement

from clusterkit.app import settings_of
from clusterkit.auth import CallerDep, require_role
from clusterkit.codes import Region
from clusterkit.db import CompiledQuery, like_escaped
from clusterkit.errors import InvalidFields
from clusterkit.legacy import DatabaseDep, ReaderDep, UnitOfWorkDep
from clusterkit.listing import page_response
from clusterkit.pagination import Page, decode_cursor, encode_cursor
from clusterkit.versioning import etag, required_version
from supply import service
from supply.api.schemas import Item, ItemChange, ItemListing
from supply.domain import Category, Currency, ItemStatus, SupplierStatus
from supply.models import items, suppliers
from supply.settings import SupplySettings

router = APIRouter(prefix="/api/v1/supply/items", tags=["catalogue"])
SUPPLIER = [require_role("supplier", "admin")]


class Sort(StrEnum):
    PRICE = "price"  # in UZS, USD prices at the service's rate
    LEAD_TIME = "lead_time"


ITEM_FIELDS = tuple(Item.model_fields)


def item_fields(row: Any) -> dict[str, Any]:
    """An item row in the shape of ``Item`` (the price with its currency)."""
    data = dict(row)
    data["unit_price"] = {"amount": data["unit_price"], "currency": data.pop("currency")}
    return {f: data.get(f) for f in ITEM_FIELDS}


def item_view(row: Any) -> Item:
    return Item.model_validate(item_fields(row))


# The sort key of the price order: USD prices at the service's rate (a parameter).
PRICE_IN_UZS = case(
    (
        items.c.currency == Currency.USD,
        items.c.unit_price * bindparam("usd_uzs_rate", type_=Numeric),
    ),
    else_=items.c.unit_price,
)


def _search_page(present: frozenset[str]) -> Select[Any]:
    i, s = items.c, suppliers.c
    key: ColumnElement[Any] = PRICE_IN_UZS if "by_price" in present else i.lead_time_days
    query = (
        select(
            items,
            s.region.label("supplier_region"),
            s.is_local.label("supplier_is_local"),
            key.label("sort_key"),
        )
        .join(suppliers, s.id == i.supplier_id)
        .where(i.status == ItemStatus.LISTED, s.status == SupplierStatus.VERIFIED)
        .order_by(key, i.id)
        .limit(bindparam("limit", type_=Integer))
    )
    if "category" in present:
        query = query.where(i.category == bindparam("category"))
    if "hs_like" in present:
        query = query.where(i.hs_code.like(bindparam("hs_like"), escape="/"))
    if "text_like" in present:
        text_like = bindparam("text_like", type_=String)
        query = query.where(
            or_(i.name.ilike(text_like, escape="/"), i.description.ilike(text_like, escape="/"))
        )
    if "min_local_content" in present:
        query = query.where(i.local_content_pct >= bindparam("min_local_content", type_=Numeric))
    if "region" in present:
        query = query.where(s.region == bindparam("region"))
    if "local_only" in present:
        query = query.where(s.is_local.is_(True))
    if "supplier_id" in present:
        query = query.where(i.supplier_id == bindparam("supplier_id", type_=Uuid))
    if "after_key" in present:
        after = tuple_(
            bindparam("after_key", type_=Numeric if "by_price" in present else Integer),
            bindparam("after_id", type_=Uuid),
        )
        query = query.where(tuple_(key, i.id) > after)
    return query


SEARCH_PAGE = CompiledQuery(_search_page)


@router.get("", response_model=Page[Item], summary="Search the catalogue (no key needed)")
async def search_items(
    request: Request,
    database: DatabaseDep,
    category: Category | None = None,
    hs: Annotated[
        str | None, Query(pattern=r"^\d[\d.]{0,12}$", description="HS code prefix")
    ] = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=100, description="Text in name or description")
    ] = None,
    min_local_content: Annotated[Decimal | None, Query(ge=0, le=100)] = None,
    region: Annotated[Region | None, Query(description="The supplier's region")] = None,
    local_only: bool = False,
    supplier_id: UUID | None = None,
    sort: Sort = Sort.PRICE,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=300)] = None,
) -> Response:
    by_price = sort is Sort.PRICE
    last_key, last_id = (
        decode_cursor(cursor, Decimal if by_price else int, UUID) if cursor else (None, None)
    )
    rows = await SEARCH_PAGE.rows(
        database,
        limit=limit + 1,
        by_price=by_price or None,  # a shape, not a parameter
        usd_uzs_rate=settings_of(request, SupplySettings).usd_uzs_rate if by_price else None,
        category=category,
        hs_like=f"{like_escaped(hs.replace('.', ''))}%" if hs else None,
        text_like=f"%{like_escaped(q)}%" if q else None,
        min_local_content=min_local_content,
        region=region,
        local_only=local_only or None,  # a shape, not a parameter
        supplier_id=supplier_id,
        after_key=last_key,
        after_id=last_id,
    )
    page = [item_fields(r) for r in rows[:limit]]
    more = len(rows) > limit
    return page_response(
        page, encode_cursor(rows[limit - 1]["sort_key"], page[-1]["id"]) if more else None
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Item,
    dependencies=SUPPLIER,
    summary="List an item (a verified supplier for itself, or an admin for a supplier)",
)
async def list_item(
    body: ItemListing, uow: UnitOfWorkDep, caller: CallerDep, response: Response
) -> Item:
    data = body.model_dump(exclude={"unit_price"})
    data |= {"unit_price": body.unit_price.amount, "currency": body.unit_price.currency}
    item = await service.list_item(uow.session, uow.publish, caller, data)
    await uow.commit()
    response.headers["ETag"] = etag(item["version"])
    return item_view(item)


@router.get("/{item_id}", response_model=Item, summary="One catalogue item")
async def get_item(item_id: UUID, session: ReaderDep, response: Response) -> Item:
    item = await service.get_item(session, item_id)
    response.headers["ETag"] = etag(item["version"])
    return item_view(item)


@router.patch(
    "/{item_id}",
    response_model=Item,
    dependencies=SUPPLIER,
    summary="Change an item (If-Match required: 428 without, 412 when stale)",
)
async def change_item(
    item_id: UUID,
    body: ItemChange,
    request: Request,
    uow: UnitOfWorkDep,
    caller: CallerDep,
    response: Response,
) -> Item:
    expected = required_version(request)
    changes = body.model_dump(exclude_unset=True)
    if nulls := [k for k, v in changes.items() if v is None]:
        raise InvalidFields(*((k, "cannot be null") for k in nulls))
    if body.unit_price is not None:
        changes |= {"unit_price": body.unit_price.amount, "currency": body.unit_price.currency}
    item = await service.change_item(
        uow.session, uow.publish, caller, item_id, expected_version=expected, changes=changes
    )
    await uow.commit()
    response.headers["ETag"] = etag(item["version"])
    return item_view(item)


@router.post(
    "/{item_id}/delist",
    response_model=Item,
    dependencies=SUPPLIER,
    summary="Withdraw an item from sale",
)
async def delist(item_id: UUID, uow: UnitOfWorkDep, caller: CallerDep, response: Response) -> Item:
    item = await service.delist_item(uow.session, uow.publish, caller, item_id)
    await uow.commit()
    response.headers["ETag"] = etag(item["version"])
    return item_view(item)
