"""The dashboard's reads of the feed: only positions, types and times (never a subject or a
payload)."""

from __future__ import annotations

from sqlalchemy import Integer, bindparam, func, select

from clusterkit.sql import Query
from gateway.tables import events

e = events.c

LATEST = Query(
    select(e.position, e.type, e.time)
    .order_by(e.position.desc())
    .limit(bindparam("limit", type_=Integer))
)
LAST_POSITION = Query(select(func.max(e.position)))
AFTER = Query(
    select(e.position, e.type, e.time)
    .where(e.position > bindparam("position", type_=e.position.type))
    .order_by(e.position)
    .limit(bindparam("limit", type_=Integer))
)
