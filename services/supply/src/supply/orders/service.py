"""Placing an order from an accepted offer, and each step after: confirm, ship, cancel, and
deliveries recorded line by line until the order is delivered."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from decimal import Decimal

from clusterkit.auth import Caller
from clusterkit.i18n import N_
from clusterkit.sql import SQL, Row
from clusterkit.unit_of_work import UnitOfWork
from supply.domain import Money, uzs_rate
from supply.events import contracts
from supply.orders import access, events, queries, rules
from supply.orders.rules import OrderAction
from supply.orders.schemas import Delivery
from supply.parties import member_party, supplier_party

MOVED = {
    OrderAction.CONFIRM: events.ORDER_CONFIRMED,
    OrderAction.SHIP: events.ORDER_SHIPPED,
    OrderAction.CANCEL: events.ORDER_CANCELLED,
}


async def lines_of(sql: SQL, order_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[Row]]:
    out: dict[uuid.UUID, list[Row]] = {}
    for row in await sql.fetch(queries.LINES, order_ids=list(order_ids)):
        out.setdefault(row["order_id"], []).append(row)
    return out


async def order(sql: SQL, caller: Caller, order_id: uuid.UUID) -> tuple[Row, list[Row]]:
    """An order the caller is party to, with its lines."""
    row = await sql.found(
        queries.ORDER,
        "order",
        N_("No order with this id."),
        id=order_id,
        **access.visibility(caller),
    )
    return row, (await lines_of(sql, [order_id]))[order_id]


async def place_order(
    uow: UnitOfWork, *, member: Row, request: Row, offer: Row, usd_uzs_rate: Decimal
) -> tuple[Row, list[Row]]:
    """The order of an accepted offer. ``offer`` carries its supplier's columns as
    ``supplier_*``; ``member`` is the active member accepting it."""
    rate = uzs_rate(offer["currency"], usd_uzs_rate)
    lines = rules.placed_lines(request["lines"], offer["lines"])
    order_id = uuid.uuid4()
    placed = await uow.one(
        queries.PLACE,
        id=order_id,
        request_id=request["id"],
        offer_id=offer["id"],
        member_id=member["id"],
        **{name: offer[name] for name in rules.OFFERED},
        **{name: request[name] for name in rules.REQUESTED},
        usd_uzs_rate=rate,
        total_uzs=rules.total_uzs(lines, rate),
    )
    assert placed is not None
    stored = await uow.fetch(
        queries.PLACE_LINES,
        order_id=order_id,
        **{name: [line[name] for line in lines] for name in queries.PLACED_LINE_COLUMNS},
    )
    uow.publish(
        contracts.event(
            events.ORDER_PLACED,
            events.OrderPlaced(
                order_id=order_id,
                request_id=request["id"],
                offer_id=offer["id"],
                member=member_party(member),
                supplier=supplier_party(offer, prefix="supplier_"),
                lines=[events.OrderLine.model_validate(line) for line in lines],
                total=Money(amount=placed["total_amount"], currency=placed["currency"]),
                usd_uzs_rate=rate,
                total_uzs=placed["total_uzs"],
                **{name: request[name] for name in rules.REQUESTED},
                placed_at=placed["placed_at"],
            ),
        )
    )
    return placed, sorted(stored, key=lambda line: int(line["line_no"]))


def _parties(order: Row) -> dict[str, uuid.UUID]:
    """The order and its parties, as the events of each step after its placing name them."""
    return {
        "order_id": order["id"],
        "member_id": order["member_id"],
        "supplier_id": order["supplier_id"],
    }


async def _order_to_move(uow: UnitOfWork, order_id: uuid.UUID, action: OrderAction) -> Row:
    """The order, locked, if the caller is party to it and may take ``action`` now."""
    row = await uow.found(
        queries.ORDER_TO_MOVE,
        "order",
        N_("No order with this id."),
        id=order_id,
        **access.visibility(uow.caller),
    )
    access.ensure_may(uow.caller, action)
    rules.ensure_from(action, row["status"])
    return row


async def move_order(
    uow: UnitOfWork, *, order_id: uuid.UUID, action: OrderAction, reason: str | None = None
) -> tuple[Row, list[Row]]:
    """Confirm, ship or cancel (with a reason) an order."""
    current = await _order_to_move(uow, order_id, action)
    moved = await uow.one(queries.MOVES[action], id=order_id, reason=reason)
    assert moved is not None
    uow.knows_now(moved["updated_at"])
    uow.publish(
        contracts.event(
            MOVED[action],
            events.OrderMoved(
                **_parties(current),
                status=moved["status"],
                previous_status=current["status"],
                reason=reason,
                occurred_at=moved["updated_at"],
            ),
        )
    )
    return moved, (await lines_of(uow, [order_id]))[order_id]


async def record_delivery(
    uow: UnitOfWork, *, order_id: uuid.UUID, delivery: Delivery
) -> tuple[Row, list[Row]]:
    """A delivery received (all or part of some lines); the order is delivered once every
    line has arrived in full."""
    current = await _order_to_move(uow, order_id, OrderAction.DELIVER)
    lines = {line["line_no"]: dict(line) for line in (await lines_of(uow, [order_id]))[order_id]}
    took = rules.received(lines, delivery.lines)
    for line_no, quantity in took.items():
        lines[line_no]["delivered_quantity"] += quantity
    await uow.execute_many(
        queries.RECEIVE_LINE,
        [
            {
                "order_id": order_id,
                "line_no": line_no,
                "delivered_quantity": lines[line_no]["delivered_quantity"],
            }
            for line_no in took
        ],
    )
    await uow.execute(
        queries.RECORD_DELIVERY,
        order_id=order_id,
        lines=[{"line_no": k, "quantity": str(v)} for k, v in took.items()],
        note=delivery.note,
        recorded_by=uow.caller.role,
    )
    complete = rules.is_complete(lines.values())
    delivered = await uow.one(queries.DELIVER, id=order_id, complete=complete)
    assert delivered is not None
    uow.knows_now(delivered["updated_at"])
    uow.publish(
        contracts.event(
            events.ORDER_DELIVERED,
            events.OrderDelivered(
                **_parties(current),
                status=delivered["status"],
                complete=complete,
                lines=[
                    events.DeliveredLine(
                        line_no=line_no,
                        received=quantity,
                        delivered_quantity=lines[line_no]["delivered_quantity"],
                        ordered_quantity=lines[line_no]["quantity"],
                        unit=lines[line_no]["unit"],
                    )
                    for line_no, quantity in sorted(took.items())
                ],
                occurred_at=delivered["updated_at"],
            ),
        )
    )
    return delivered, list(lines.values())
