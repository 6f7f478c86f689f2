"""Locking a month: later figures for it need an admin and a reason."""

from __future__ import annotations

from typing import Any

from clusterkit.errors import Conflict
from clusterkit.i18n import N_
from clusterkit.unit_of_work import UnitOfWork
from production import events
from production.periods import access, queries
from production.periods.rules import parse_period


async def lock_period(uow: UnitOfWork, *, period: str, reason: str | None) -> dict[str, Any]:
    access.ensure_may_lock(uow.caller)
    month = parse_period(period)
    locked_at = await uow.value(
        queries.LOCK, period=month, locked_by=uow.caller.key_id or uow.caller.role, reason=reason
    )
    if locked_at is None:
        raise Conflict(
            N_("{period} is already locked."),
            code="already-locked",
            params={"period": period},
            locked_at=await uow.value(queries.LOCKED_AT, period=month),
        )
    uow.publish(
        events.contracts.event(
            events.PERIOD_LOCKED,
            events.PeriodLocked(period=period, reason=reason, locked_at=locked_at),
        )
    )
    return {"period": period, "locked_at": locked_at, "reason": reason}
