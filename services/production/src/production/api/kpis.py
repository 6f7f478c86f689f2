"""``/api/v1/production/kpis``: fulfilment, growth and the deep-processing share.

Cluster-level figures are public; one organisation's detail is for admins and the
organisation itself.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel

from clusterkit.auth import CallerDep
from clusterkit.legacy import ReaderDep
from production import kpis, service
from production.api.figures import PeriodText, visible_organisation
from production.domain import Metric

router = APIRouter(prefix="/api/v1/production/kpis", tags=["kpis"])

Year = Annotated[int, Query(ge=2000, le=2100)]


class KpiRow(BaseModel):
    organisation_id: UUID | None
    metric: Metric
    product_category: str | None
    unit: str
    period: str
    actual: Decimal | None


class FulfilmentRow(KpiRow):
    plan: Decimal | None
    fulfilment: Decimal | None
    variance: Decimal | None


class GrowthRow(KpiRow):
    previous_period: str
    previous: Decimal | None
    growth: Decimal | None
    change: Decimal | None


def _scope(
    caller: Any,
    year: int,
    rollup: kpis.Rollup,
    organisation_id: UUID | None,
    metric: Metric | None,
    as_of: datetime | None,
) -> kpis.Scope:
    if organisation_id is not None:
        visible_organisation(caller, organisation_id)
    return kpis.Scope(
        year=year, rollup=rollup, organisation_id=organisation_id, metric=metric, as_of=as_of
    )


@router.get(
    "/fulfilment",
    response_model=list[FulfilmentRow],
    summary="Actual ÷ plan per metric and period (per organisation with organisation_id)",
)
async def fulfilment(
    session: ReaderDep,
    caller: CallerDep,
    year: Year,
    rollup: kpis.Rollup = kpis.Rollup.MONTH,
    organisation_id: UUID | None = None,
    metric: Metric | None = None,
    as_of: datetime | None = None,
) -> list[FulfilmentRow]:
    scope = _scope(caller, year, rollup, organisation_id, metric, as_of)
    return [FulfilmentRow.model_validate(r) for r in await kpis.fulfilment(session, scope)]


@router.get(
    "/growth",
    response_model=list[GrowthRow],
    summary="Each period against the same period a year earlier",
)
async def growth(
    session: ReaderDep,
    caller: CallerDep,
    year: Year,
    rollup: kpis.Rollup = kpis.Rollup.MONTH,
    organisation_id: UUID | None = None,
    metric: Metric | None = None,
    as_of: datetime | None = None,
) -> list[GrowthRow]:
    scope = _scope(caller, year, rollup, organisation_id, metric, as_of)
    return [GrowthRow.model_validate(r) for r in await kpis.growth(session, scope)]


class MonthShare(BaseModel):
    period: str
    copper_processed_t: Decimal
    cathode_output_t: Decimal
    share: Decimal | None


class CategoryShare(BaseModel):
    product_category: str
    copper_processed_t: Decimal
    share: Decimal | None


class MemberShare(BaseModel):
    organisation_id: UUID
    legal_name: str
    copper_processed_t: Decimal
    share: Decimal | None


class Organisation(BaseModel):
    organisation_id: UUID
    legal_name: str


class DeepProcessing(BaseModel):
    """``share`` = members' processed copper ÷ AMMC's cathode output (null until AMMC has
    reported); ``by_member`` only for admins."""

    periods: list[str]
    copper_processed_t: Decimal
    cathode_output_t: Decimal
    share: Decimal | None
    target: Decimal
    gap_to_target: Decimal | None
    by_month: list[MonthShare]
    by_category: list[CategoryShare]
    not_reported: list[Organisation]
    by_member: list[MemberShare] | None = None


@router.get(
    "/deep-processing",
    response_model=DeepProcessing,
    summary="Members' processed copper ÷ AMMC's cathode output, against 80%",
)
async def deep_processing(
    session: ReaderDep,
    caller: CallerDep,
    year: Year | None = None,
    period: PeriodText | None = None,
    as_of: datetime | None = None,
) -> DeepProcessing:
    if period:
        periods = [service.parse_period(period, "period", "query")]
    elif year:
        periods = [date(year, month, 1) for month in range(1, 13)]
    else:
        raise service.field_error("year", "Give a year or a period.", "query")
    return DeepProcessing.model_validate(
        await kpis.deep_processing(session, periods, as_of, detail=caller.is_admin)
    )
