"""``/api/v1/production/reports``: a month's figures, kept as revisions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, Query, status
from pydantic import Field
from starlette.responses import Response

from clusterkit.app import ReadDep, WriteDep, answer
from clusterkit.auth import Caller, CallerDep
from clusterkit.export import EXPORT_RESPONSES, ExportQuery
from clusterkit.pagination import Page
from clusterkit.routing import Router
from production.domain import Metric, PeriodText, ProductCategory
from production.periods.rules import parse_period
from production.reports import access, exports, queries, service
from production.reports.schemas import Figure, ReportIn

router = Router(prefix="/api/v1/production/reports", tags=["reports"])


def _period(text: str | None, name: str) -> date | None:
    return parse_period(text, name, "query") if text else None


class FigureQuery(ExportQuery):
    """The latest figures' filters and paging, read from the query string at once. Figures
    come 100 to a page, up to 500 (not every list's 50 and 200)."""

    organisation_id: UUID | None = None
    metric: Metric | None = None
    period_from: PeriodText | None = None
    period_to: PeriodText | None = None
    as_of: datetime | None = None
    limit: int = Field(100, ge=1, le=500)

    def filters(self, caller: Caller) -> dict[str, Any]:
        """The filters as the list takes them; a key sees its own organisation's."""
        access.ensure_sees(caller, self.organisation_id)
        return {
            "organisation_id": self.organisation_id,
            "metric": self.metric.value if self.metric else None,
            "period_from": _period(self.period_from, "period_from"),
            "period_to": _period(self.period_to, "period_to"),
            "as_of": self.as_of,
        }


FigureQueryDep = Annotated[FigureQuery, Query()]


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
async def list_reports(read: ReadDep, query: FigureQueryDep) -> Response:
    filters = query.filters(read.caller)
    return await read.page_or_file(queries.LATEST_REPORTS, exports.REPORTS, query, **filters)


@router.get("/history", summary="Every revision of one figure: who, when, why")
async def report_history(read: ReadDep, key: FigureKeyDep) -> list[Figure]:
    rows = await read.fetch(queries.HISTORY, **key)
    return [Figure.model_validate(queries.report_fields(row)) for row in rows]
