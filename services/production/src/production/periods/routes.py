"""``/api/v1/production/periods``: closing a month for corrections."""

from __future__ import annotations

from typing import Any

from clusterkit.app import WriteDep
from clusterkit.routing import Router
from production.domain import PeriodText
from production.periods import service
from production.periods.schemas import LockIn, PeriodLock

router = Router(prefix="/api/v1/production/periods", tags=["periods"])


@router.post(
    "/{period}/lock",
    response_model=PeriodLock,
    summary="Close a month: later corrections need an admin and a reason",
)
async def lock(period: PeriodText, write: WriteDep, body: LockIn | None = None) -> Any:
    return await write(service.lock_period, period=period, reason=body.reason if body else None)
