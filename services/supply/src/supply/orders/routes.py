"""``/api/v1/supply/orders``: purchase orders from accepted offers, placed → confirmed →
shipped → delivered (deliveries recorded per line) or cancelled with a reason."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import Query, Response

from clusterkit.app import ReadDep, WriteDep
from clusterkit.listing import PageQuery, page_response
from clusterkit.pagination import Page
from clusterkit.routing import Router
from supply.orders import access, queries, service
from supply.orders.rules import OrderAction, OrderStatus
from supply.orders.schemas import Delivery, Order, order_answer, order_fields
from supply.parties import PARTIES
from supply.schemas import RequiredReason

router = Router(prefix="/api/v1/supply/orders", tags=["orders"], dependencies=PARTIES)


class OrderQuery(PageQuery):
    """The orders' filters and paging."""

    status: OrderStatus | None = None
    member_id: UUID | None = None
    supplier_id: UUID | None = None


@router.get(
    "",
    response_model=Page[Order],
    summary="Orders the caller is party to (all for admin, procurement)",
)
async def list_orders(read: ReadDep, query: Annotated[OrderQuery, Query()]) -> Response:
    rows, next_cursor = await queries.ORDERS.rows(
        read,
        limit=query.limit,
        cursor=query.cursor,
        **query.model_dump(include={"status", "member_id", "supplier_id"}),
        **access.visibility(read.caller),
    )
    lines = await service.lines_of(read, [row["id"] for row in rows])
    return page_response([order_fields(row, lines.get(row["id"], [])) for row in rows], next_cursor)


@router.get("/{order_id}", summary="One order")
async def get_order(order_id: UUID, read: ReadDep) -> Order:
    return order_answer(*await service.order(read, read.caller, order_id))


@router.post("/{order_id}/confirm", summary="Confirm a placed order (its supplier)")
async def confirm(order_id: UUID, write: WriteDep) -> Order:
    moved = await write(service.move_order, order_id=order_id, action=OrderAction.CONFIRM)
    return order_answer(*moved)


@router.post("/{order_id}/ship", summary="Ship a confirmed order (its supplier)")
async def ship(order_id: UUID, write: WriteDep) -> Order:
    moved = await write(service.move_order, order_id=order_id, action=OrderAction.SHIP)
    return order_answer(*moved)


@router.post(
    "/{order_id}/deliver",
    summary="Record a delivery received, in full or in part, per line (its member or an admin)",
)
async def deliver(order_id: UUID, body: Delivery, write: WriteDep) -> Order:
    return order_answer(*await write(service.record_delivery, order_id=order_id, delivery=body))


@router.post(
    "/{order_id}/cancel",
    summary="Cancel before shipping, with a reason (its member, its supplier or an admin)",
)
async def cancel(order_id: UUID, body: RequiredReason, write: WriteDep) -> Order:
    moved = await write(
        service.move_order, order_id=order_id, action=OrderAction.CANCEL, reason=body.reason
    )
    return order_answer(*moved)
