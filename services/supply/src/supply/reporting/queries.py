"""The figures' SQL: a year's orders (``start`` to ``end``), their UZS by supplier
locality and category; and the rows of the OCDS export, by the processes opened in the
year."""

from __future__ import annotations

from sqlalchemy import DateTime, Uuid, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import aliased

from clusterkit.sql import Query
from supply.certificates.queries import certified_local
from supply.orders.rules import OrderStatus
from supply.tables import deliveries, members, offers, order_lines, orders, requests, suppliers

o, line, r, s = orders.c, order_lines.c, requests.c, suppliers.c
IN_YEAR = (
    o.placed_at >= bindparam("start", type_=DateTime(timezone=True)),
    o.placed_at < bindparam("end", type_=DateTime(timezone=True)),
)
COUNTED = (o.status != OrderStatus.CANCELLED.value, *IN_YEAR)

# Orders placed in the year and not cancelled; USD lines at each order's own rate. A
# purchase is local when its supplier held a local-production certificate in force on the
# day the order was placed (supply.certificates), not by what the supplier declared.
_local = certified_local(o.supplier_id, o.placed_at).label("is_local")
UZS_BY_LOCALITY_AND_CATEGORY = Query(
    select(
        _local,
        line.category,
        func.sum(func.round(line.amount * o.usd_uzs_rate, 2)).label("uzs"),
    )
    .join(order_lines, line.order_id == o.id)
    .where(*COUNTED)
    .group_by(_local, line.category)
)
ORDERS_COUNTED = Query(select(func.count()).select_from(orders).where(*COUNTED))

# The OCDS export: the contracting processes (requests for quotation) opened in the year,
# each with its buyer and the order it ended in (if any), then by their ids the suppliers
# that quoted and the deliveries recorded.
OPENED_IN_YEAR = (
    r.created_at >= bindparam("start", type_=DateTime(timezone=True)),
    r.created_at < bindparam("end", type_=DateTime(timezone=True)),
)
buyer, winner = aliased(members), aliased(suppliers)
ORDER_COLUMNS = [
    "id",
    "offer_id",
    "status",
    "currency",
    "total_amount",
    "placed_at",
    "confirmed_at",
    "shipped_at",
    "delivered_at",
    "cancelled_at",
    "cancel_reason",
]
PROCESSES = Query(
    select(
        requests,
        buyer.c.legal_name.label("member_name"),
        buyer.c.stir.label("member_stir"),
        *(o[name].label(f"order_{name}") for name in ORDER_COLUMNS),
        o.supplier_id,
        winner.c.legal_name.label("supplier_name"),
        winner.c.stir.label("supplier_stir"),
    )
    .join(buyer, buyer.c.id == r.member_id)
    .outerjoin(orders, o.request_id == r.id)
    .outerjoin(winner, winner.c.id == o.supplier_id)
    .where(*OPENED_IN_YEAR)
    .order_by(r.created_at, r.id)
)
_ids = bindparam("ids", type_=ARRAY(Uuid))
TENDERERS = Query(
    select(offers.c.request_id, s.id, s.legal_name, s.stir)
    .distinct()
    .join(suppliers, s.id == offers.c.supplier_id)
    .where(offers.c.request_id == func.any(_ids))
    .order_by(offers.c.request_id, s.legal_name, s.id)
)
DELIVERIES = Query(
    select(deliveries)
    .where(deliveries.c.order_id == func.any(_ids))
    .order_by(deliveries.c.order_id, deliveries.c.id)
)
