"""``/api/v1/supply/items``: the catalogue of locally made reagents, equipment and parts.
Anyone searches it; a verified supplier lists and keeps its own items."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from fastapi import Query, Request, Response, status
from pydantic import Field

from clusterkit.app import ReadDep, WriteDep, answer, settings_of
from clusterkit.auth import require_role
from clusterkit.codes import Region
from clusterkit.conditional import IfMatchDep, IfNoneMatchDep, etag, not_modified
from clusterkit.export import EXPORT_RESPONSES, ExportQuery
from clusterkit.pagination import Page
from clusterkit.routing import Router
from clusterkit.sql import Row, like_escaped
from supply.domain import Category
from supply.items import exports, queries, service
from supply.items.schemas import Item, ItemChange, ItemListing, Sort, item_answer
from supply.settings import SupplySettings

router = Router(prefix="/api/v1/supply/items", tags=["catalogue"])
SUPPLIER = [require_role("supplier", "admin")]


def _answer(item: Row, status_code: int = 200) -> Response:
    """The item as the answer, with its ETag (serialized once; ``response_model`` documents it)."""
    return answer(
        item_answer(item), status_code=status_code, headers={"ETag": etag(item["version"])}
    )


class CatalogueQuery(ExportQuery):
    """The catalogue's search, sort and paging, read from the query string at once."""

    category: Category | None = None
    hs: str | None = Field(None, pattern=r"^\d[\d.]{0,12}$", description="HS code prefix")
    q: str | None = Field(
        None, min_length=1, max_length=100, description="Text in name or description"
    )
    min_local_content: Decimal | None = Field(None, ge=0, le=100)
    region: Region | None = Field(None, description="The supplier's region")
    local_only: bool = False
    supplier_id: UUID | None = None
    sort: Sort = Sort.PRICE


@router.get(
    "",
    response_model=Page[Item],
    responses=EXPORT_RESPONSES,
    summary="Search the catalogue (no key needed; CSV or XLSX with `format`)",
)
async def search_items(
    request: Request, read: ReadDep, query: Annotated[CatalogueQuery, Query()]
) -> Response:
    by_price = query.sort is Sort.PRICE
    hs, text = query.hs, query.q
    filters: dict[str, Any] = {
        "usd_uzs_rate": settings_of(request, SupplySettings).usd_uzs_rate if by_price else None,
        "category": query.category,
        "hs_like": f"{like_escaped(hs.replace('.', ''))}%" if hs else None,
        "text_like": f"%{like_escaped(text)}%" if text else None,
        "min_local_content": query.min_local_content,
        "region": query.region,
        "local_only": query.local_only or None,  # a shape, not a parameter
        "supplier_id": query.supplier_id,
    }
    return await read.page_or_file(queries.CATALOGUE, exports.CATALOGUE, query, **filters)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Item,
    dependencies=SUPPLIER,
    summary="List an item (a verified supplier for itself, or an admin for a supplier)",
)
async def list_item(body: ItemListing, write: WriteDep) -> Response:
    return _answer(await write(service.list_item, listing=body), status_code=201)


@router.get("/{item_id}", response_model=Item, summary="One catalogue item")
async def get_item(item_id: UUID, read: ReadDep, if_none_match: IfNoneMatchDep) -> Response:
    item = await service.item(read, item_id)
    return not_modified(if_none_match, item["version"]) or _answer(item)


@router.patch(
    "/{item_id}",
    response_model=Item,
    dependencies=SUPPLIER,
    summary="Change an item (If-Match required: 428 without, 412 when stale)",
)
async def change_item(
    item_id: UUID, body: ItemChange, if_match: IfMatchDep, write: WriteDep
) -> Response:
    item = await write(service.change_item, item_id=item_id, if_match=if_match, change=body)
    return _answer(item)


@router.post(
    "/{item_id}/delist",
    response_model=Item,
    dependencies=SUPPLIER,
    summary="Withdraw an item from sale",
)
async def delist(item_id: UUID, write: WriteDep) -> Response:
    return _answer(await write(service.delist_item, item_id=item_id))
