"""The figures' SQL: a year's orders (``start`` to ``end``), their UZS by supplier
locality and category, and the rows of the OCDS export."""

from __future__ import annotations

from sqlalchemy import DateTime, bindparam, func, select
from sqlalchemy.orm import aliased

from clusterkit.sql import Query
from supply.orders.rules import OrderStatus
from supply.tables import members, order_lines, orders, requests, suppliers

o, line, r, s = orders.c, order_lines.c, requests.c, suppliers.c
IN_YEAR = (
    o.placed_at >= bindparam("start", type_=DateTime(timezone=True)),
    o.placed_at < bindparam("end", type_=DateTime(timezone=True)),
)
COUNTED = (o.status != OrderStatus.CANCELLED.value, *IN_YEAR)

# Orders placed in the year and not cancelled; USD lines at each order's own rate.
UZS_BY_LOCALITY_AND_CATEGORY = Query(
    select(
        o.supplier_is_local.label("is_local"),
        line.category,
        func.sum(func.round(line.amount * o.usd_uzs_rate, 2)).label("uzs"),
    )
    .join(order_lines, line.order_id == o.id)
    .where(*COUNTED)
    .group_by(o.supplier_is_local, line.category)
)
ORDERS_COUNTED = Query(select(func.count()).select_from(orders).where(*COUNTED))

buyer = aliased(members)
RELEASES = Query(
    select(
        orders,
        r.created_at.label("requested_at"),
        s.legal_name.label("supplier_name"),
        s.stir.label("supplier_stir"),
        buyer.c.legal_name.label("member_name"),
        buyer.c.stir.label("member_stir"),
    )
    .join(requests, r.id == o.request_id)
    .join(suppliers, s.id == o.supplier_id)
    .join(buyer, buyer.c.id == o.member_id)
    .where(*IN_YEAR)
    .order_by(o.placed_at, o.id)
)
