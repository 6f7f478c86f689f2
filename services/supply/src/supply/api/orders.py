"""``/api/v1/supply/orders``: purchase orders from accepted offers, placed → confirmed →
shipped → delivered (deliveries recorded per line) or cancelled with a reason."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query
from sqlalchemy import select, tuple_

from clusterkit.auth import Caller, CallerDep, require_role
from clusterkit.legacy import ReaderDep, UnitOfWorkDep
from clusterkit.pagination import Page, decode_cursor, encode_cursor
from supply import service
from supply.api.schemas import Delivery, Order, RequiredReason
from supply.domain import OrderAction, OrderStatus
from supply.models import orders

router = APIRouter(
    prefix="/api/v1/supply/orders",
    tags=["orders"],
    dependencies=[require_role("member", "supplier", "admin", "procurement")],
)


def order_view(order: Mapping[str, Any], lines: Sequence[Mapping[str, Any]]) -> Order:
    return Order.model_validate({**order, "lines": lines})


@router.get(
    "",
    response_model=Page[Order],
    summary="Orders the caller is party to (all for admin, procurement)",
)
async def list_orders(
    session: ReaderDep,
    caller: CallerDep,
    status: OrderStatus | None = None,
    member_id: UUID | None = None,
    supplier_id: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=300)] = None,
) -> Page[Order]:
    o = orders.c
    query = (
        select(orders)
        .where(service.visible_orders(caller))
        .order_by(o.placed_at.desc(), o.id.desc())
        .limit(limit + 1)
    )
    if status:
        query = query.where(o.status == status)
    if member_id:
        query = query.where(o.member_id == member_id)
    if supplier_id:
        query = query.where(o.supplier_id == supplier_id)
    if cursor:
        at, last = decode_cursor(cursor, datetime.fromisoformat, UUID)
        query = query.where(tuple_(o.placed_at, o.id) < (at, last))
    rows = [dict(r._mapping) for r in (await session.execute(query)).all()]
    lines = await service.lines_of(session, [r["id"] for r in rows[:limit]])
    page = [order_view(r, lines.get(r["id"], [])) for r in rows[:limit]]
    more = len(rows) > limit
    return Page(
        items=page,
        next_cursor=encode_cursor(page[-1].placed_at.isoformat(), page[-1].id) if more else None,
    )


@router.get("/{order_id}", response_model=Order, summary="One order")
async def get_order(order_id: UUID, session: ReaderDep, caller: CallerDep) -> Order:
    order = await service.get_order(session, caller, order_id)
    return order_view(dict(order._mapping), (await service.lines_of(session, [order_id]))[order_id])


async def _move(
    uow: UnitOfWorkDep, caller: Caller, order_id: UUID, action: OrderAction, **details: Any
) -> Order:
    order = await service.move_order(uow.session, uow.publish, caller, order_id, action, **details)
    lines = await service.lines_of(uow.session, [order_id])
    await uow.commit()
    return order_view(order, lines[order_id])


@router.post(
    "/{order_id}/confirm", response_model=Order, summary="Confirm a placed order (its supplier)"
)
async def confirm(order_id: UUID, uow: UnitOfWorkDep, caller: CallerDep) -> Order:
    return await _move(uow, caller, order_id, OrderAction.CONFIRM)


@router.post(
    "/{order_id}/ship", response_model=Order, summary="Ship a confirmed order (its supplier)"
)
async def ship(order_id: UUID, uow: UnitOfWorkDep, caller: CallerDep) -> Order:
    return await _move(uow, caller, order_id, OrderAction.SHIP)


@router.post(
    "/{order_id}/deliver",
    response_model=Order,
    summary="Record a delivery received, in full or in part, per line (its member or an admin)",
)
async def deliver(order_id: UUID, body: Delivery, uow: UnitOfWorkDep, caller: CallerDep) -> Order:
    received = [line.model_dump() for line in body.lines]
    return await _move(
        uow, caller, order_id, OrderAction.DELIVER, received=received, note=body.note
    )


@router.post(
    "/{order_id}/cancel",
    response_model=Order,
    summary="Cancel before shipping, with a reason (its member, its supplier or an admin)",
)
async def cancel(
    order_id: UUID, body: RequiredReason, uow: UnitOfWorkDep, caller: CallerDep
) -> Order:
    return await _move(uow, caller, order_id, OrderAction.CANCEL, reason=body.reason)
