"""Period locks: a lock is one row per month, taken once."""

from __future__ import annotations

from sqlalchemy import Date, bindparam, func, select
from sqlalchemy.dialects.postgresql import insert

from clusterkit.sql import Query, parameters
from production.tables import period_locks

_period = bindparam("period", type_=Date)

# The lock, or no row when the month is locked already.
LOCK = Query(
    insert(period_locks)
    .values(**parameters(period_locks, ["period", "locked_by", "reason"]), locked_at=func.now())
    .on_conflict_do_nothing()
    .returning(period_locks.c.locked_at)
)
LOCKED_AT = Query(select(period_locks.c.locked_at).where(period_locks.c.period == _period))
