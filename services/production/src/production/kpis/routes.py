"""``/api/v1/production/kpis``: fulfilment, growth and the deep-processing share.

Cluster-level figures are public; one organisation's detail is for admins and the
organisation itself.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query

from clusterkit.app import ReadDep
from clusterkit.auth import CallerDep
from clusterkit.errors import InvalidFields
from production.domain import Metric, PeriodText
from production.kpis import access, service
from production.kpis.rules import Rollup
from production.kpis.schemas import DeepProcessing, FulfilmentRow, GrowthRow
from production.periods.rules import parse_period

router = APIRouter(prefix="/api/v1/production/kpis", tags=["kpis"])

Year = Annotated[int, Query(ge=2000, le=2100)]


async def _scope(
    caller: CallerDep,
    year: Year,
    rollup: Rollup = Rollup.MONTH,
    organisation_id: UUID | None = None,
    metric: Metric | None = None,
    as_of: datetime | None = None,
) -> service.Scope:
    access.ensure_sees_scope(caller, organisation_id)
    return service.Scope(year, rollup, organisation_id, metric, as_of)


# The figures a fulfilment or growth answer is made of (and who may see them).
ScopeDep = Annotated[service.Scope, Depends(_scope)]


async def _months(year: Year | None = None, period: PeriodText | None = None) -> list[date]:
    """The months a deep-processing share is over: one period, or the twelve of a year."""
    if period:
        return [parse_period(period, where="query")]
    if year:
        return [date(year, month, 1) for month in range(1, 13)]
    raise InvalidFields(("year", "Give a year or a period."), where="query")


MonthsDep = Annotated[list[date], Depends(_months)]


@router.get(
    "/fulfilment",
    summary="Actual ÷ plan per metric and period (per organisation with organisation_id)",
)
async def fulfilment(read: ReadDep, scope: ScopeDep) -> list[FulfilmentRow]:
    return [FulfilmentRow.model_validate(r) for r in await service.fulfilment(read, scope)]


@router.get("/growth", summary="Each period against the same period a year earlier")
async def growth(read: ReadDep, scope: ScopeDep) -> list[GrowthRow]:
    return [GrowthRow.model_validate(r) for r in await service.growth(read, scope)]


@router.get(
    "/deep-processing",
    summary="Members' processed copper ÷ AMMC's cathode output, against 80%",
)
async def deep_processing(
    read: ReadDep, caller: CallerDep, months: MonthsDep, as_of: datetime | None = None
) -> DeepProcessing:
    answer = await service.deep_processing(read, months, as_of, detail=access.sees_members(caller))
    return DeepProcessing.model_validate(answer)
