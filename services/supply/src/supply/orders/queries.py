"""The orders' SQL, shaped by who is looking (see :data:`SEEN_BY`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Select, Text, bindparam, case, false, func, insert, select, update
from sqlalchemy.dialects.postgresql import ARRAY

from clusterkit.listing import KeysetList
from clusterkit.sql import Query, parameters
from supply.orders.rules import REACHES, OrderAction, OrderStatus
from supply.queries import by_id, equals, given
from supply.tables import deliveries, order_lines, orders

o, line = orders.c, order_lines.c
BY_ID = by_id(orders)
STAMPS = {
    OrderAction.CONFIRM: "confirmed_at",
    OrderAction.SHIP: "shipped_at",
    OrderAction.CANCEL: "cancelled_at",
}


# Only the orders the viewer (:class:`supply.parties.Viewer`) is party to: its member's and
# its supplier's (admins and procurement give no viewer: all); any other key none.
SEEN_BY = {
    "nobody": false(),
    "viewer_member": equals(o.member_id, "viewer_member"),
    "viewer_supplier": equals(o.supplier_id, "viewer_supplier"),
}
ORDER = Query(lambda present: select(orders).where(BY_ID, *given(present, SEEN_BY)), shaped=True)
# Lock order (docs/decisions/0009): every step of an order (confirm, ship, deliver, cancel)
# takes the order row first, then its lines and deliveries; steps on one order queue here,
# and each checks the state the one before it left.
ORDER_TO_MOVE = Query(
    lambda present: select(orders).where(BY_ID, *given(present, SEEN_BY)).with_for_update(),
    shaped=True,
)


# The list's filters by their parameters, each applied when given.
FILTERS = {
    "status": equals(o.status),
    "member_id": equals(o.member_id),
    "supplier_id": equals(o.supplier_id),
}


def _orders(present: frozenset[str]) -> Select[Any]:
    return select(orders).where(*given(present, SEEN_BY | FILTERS))


ORDERS = KeysetList(_orders, key=[o.placed_at, o.id], descending=True)
LINES = Query(
    select(order_lines)
    .where(line.order_id == func.any(bindparam("order_ids", type_=ARRAY(line.order_id.type))))
    .order_by(line.order_id, line.line_no)
)

PLACE = Query(
    insert(orders)
    .values(
        **parameters(
            orders,
            [
                "id",
                "request_id",
                "offer_id",
                "member_id",
                "supplier_id",
                "supplier_is_local",
                "currency",
                "total_amount",
                "usd_uzs_rate",
                "total_uzs",
                "needed_by",
                "delivery_region",
            ],
        ),
        status=OrderStatus.PLACED.value,
        placed_at=func.now(),
        updated_at=func.now(),
    )
    .returning(orders)
)
PLACED_LINE_COLUMNS = [
    "line_no",
    "catalogue_item_id",
    "hs_code",
    "description",
    "category",
    "quantity",
    "unit",
    "unit_price",
    "amount",
    "delivery_date",
]
# Every line of a new order in one statement: one array per column, unnested together.
PLACE_LINES = Query(
    insert(order_lines)
    .from_select(
        ["order_id", *PLACED_LINE_COLUMNS],
        select(
            bindparam("order_id", type_=line.order_id.type),
            *(
                func.unnest(bindparam(name, type_=ARRAY(line[name].type)))
                for name in PLACED_LINE_COLUMNS
            ),
        ),
    )
    .returning(order_lines)
)

MOVES = {
    action: Query(
        update(orders)
        .where(BY_ID)
        .values(
            {
                "status": REACHES[action].value,
                "updated_at": func.now(),
                stamp: func.now(),
                **(
                    {"cancel_reason": bindparam("reason", type_=Text)}
                    if action is OrderAction.CANCEL
                    else {}
                ),
            }
        )
        .returning(orders)
    )
    for action, stamp in STAMPS.items()
}

RECEIVE_LINE = Query(
    update(order_lines)
    .where(
        line.order_id == bindparam("order_id", type_=line.order_id.type),
        line.line_no == bindparam("line_no", type_=line.line_no.type),
    )
    .values(**parameters(order_lines, ["delivered_quantity"]))
)
RECORD_DELIVERY = Query(
    insert(deliveries).values(
        **parameters(deliveries, ["order_id", "lines", "note", "recorded_by"]),
        recorded_at=func.now(),
    )
)
COMPLETE = bindparam("complete", type_=Boolean)
# A delivery recorded: the order is delivered when it completes it.
DELIVER = Query(
    update(orders)
    .where(BY_ID)
    .values(
        status=case((COMPLETE, OrderStatus.DELIVERED.value), else_=o.status),
        delivered_at=case((COMPLETE, func.now()), else_=o.delivered_at),
        updated_at=func.now(),
    )
    .returning(orders)
)
