"""``/api/v1/production/kpis``: fulfilment, growth and the deep-processing share.

Cluster-level figures are public; one organisation's detail is for admins and the
organisation itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, Query
from pydantic import BaseModel

from clusterkit.app import ReadDep
from clusterkit.auth import CallerDep
from clusterkit.errors import InvalidFields
from clusterkit.export import EXPORT_RESPONSES, Export, ExportDep, Sheet
from clusterkit.i18n import N_
from clusterkit.routing import Router
from clusterkit.sql import Row
from production.domain import Metric, PeriodText
from production.kpis import access, exports, service
from production.kpis.rules import Rollup
from production.kpis.schemas import DeepProcessing, FulfilmentRow, GrowthRow
from production.periods.rules import parse_period

router = Router(prefix="/api/v1/production/kpis", tags=["kpis"])

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
    raise InvalidFields(("year", N_("Give a year or a period.")), where="query")


MonthsDep = Annotated[list[date], Depends(_months)]


async def _rows_or_file(
    export: Export, sheet: Sheet, model: type[BaseModel], rows: Sequence[Row]
) -> Any:
    """A computed report's rows as JSON, or as the file asked for."""
    if export.wanted:
        return await export.answer(sheet, rows)
    return [model.model_validate(row) for row in rows]


@router.get(
    "/fulfilment",
    response_model=list[FulfilmentRow],
    responses=EXPORT_RESPONSES,
    summary="Actual ÷ plan per metric and period (per organisation with organisation_id)",
)
async def fulfilment(read: ReadDep, scope: ScopeDep, export: ExportDep) -> Any:
    return await _rows_or_file(
        export, exports.FULFILMENT, FulfilmentRow, await service.fulfilment(read, scope)
    )


@router.get(
    "/growth",
    response_model=list[GrowthRow],
    responses=EXPORT_RESPONSES,
    summary="Each period against the same period a year earlier",
)
async def growth(read: ReadDep, scope: ScopeDep, export: ExportDep) -> Any:
    return await _rows_or_file(export, exports.GROWTH, GrowthRow, await service.growth(read, scope))


@router.get(
    "/deep-processing",
    response_model=DeepProcessing,
    responses=EXPORT_RESPONSES,
    summary="Members' processed copper ÷ AMMC's cathode output, against 80% (a file: by month)",
)
async def deep_processing(
    read: ReadDep,
    months: MonthsDep,
    export: ExportDep,
    as_of: datetime | None = None,
) -> Any:
    answer = await service.deep_processing(
        read, months, as_of, detail=access.sees_members(read.caller)
    )
    if export.wanted:
        return await export.answer(exports.DEEP_PROCESSING, answer["by_month"])
    return DeepProcessing.model_validate(answer)
