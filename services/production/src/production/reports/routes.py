"""``/api/v1/production/reports``: a month's figures, kept as revisions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, status
from starlette.responses import Response

from clusterkit.app import ReadDep, WriteDep, answer
from clusterkit.auth import CallerDep
from clusterkit.export import EXPORT_RESPONSES, ExportDep
from clusterkit.listing import Cursor
from clusterkit.pagination import Page
from production.domain import Metric, PeriodText, ProductCategory
from production.periods.rules import parse_period
from production.reports import access, exports, queries, service
from production.reports.schemas import Figure, ReportIn

router = APIRouter(prefix="/api/v1/production/reports", tags=["reports"])

# Figures come 100 to a page, up to 500 (not every list's 50 and 200).
FigureLimit = Annotated[int, Query(ge=1, le=500)]


async def _filters(
    caller: CallerDep,
    organisation_id: UUID | None = None,
    metric: Metric | None = None,
    period_from: PeriodText | None = None,
    period_to: PeriodText | None = None,
    as_of: datetime | None = None,
) -> dict[str, Any]:
    """The latest figures' filters, as the list takes them; a key sees its own organisation's."""
    access.ensure_sees(caller, organisation_id)
    return {
        "organisation_id": organisation_id,
        "metric": metric.value if metric else None,
        "period_from": parse_period(period_from, "period_from", "query") if period_from else None,
        "period_to": parse_period(period_to, "period_to", "query") if period_to else None,
        "as_of": as_of,
    }


async def _figure_key(
    caller: CallerDep,
    organisation_id: UUID,
    metric: Metric,
    period: PeriodText,
    product_category: ProductCategory | None = None,
) -> dict[str, Any]:
    """The key of one figure, as its history takes it; a key sees its own organisation's."""
    access.ensure_sees(caller, organisation_id)
    return {
        "organisation_id": organisation_id,
        "metric": metric.value,
        "period": parse_period(period, where="query"),
        "product_category": product_category.value if product_category else "",
    }


FiltersDep = Annotated[dict[str, Any], Depends(_filters)]
FigureKeyDep = Annotated[dict[str, Any], Depends(_figure_key)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Figure,
    summary="Report a month's figure; reporting the same key again is a revision",
)
async def submit_report(body: ReportIn, write: WriteDep) -> Response:
    figure = Figure.model_validate(await write(service.record_report, report=body))
    return answer(figure, status_code=201)


@router.get(
    "",
    response_model=Page[Figure],
    responses=EXPORT_RESPONSES,
    summary="The latest figures, or what was known at `as_of` (CSV or XLSX with `format`)",
)
async def list_reports(
    read: ReadDep,
    filters: FiltersDep,
    export: ExportDep,
    limit: FigureLimit = 100,
    cursor: Cursor = None,
) -> Response:
    return await export.page_or_file(
        read, queries.LATEST_REPORTS, exports.REPORTS, limit=limit, cursor=cursor, **filters
    )


@router.get("/history", summary="Every revision of one figure: who, when, why")
async def report_history(read: ReadDep, key: FigureKeyDep) -> list[Figure]:
    rows = await read.fetch(queries.HISTORY, **key)
    return [Figure.model_validate(queries.report_fields(row)) for row in rows]
