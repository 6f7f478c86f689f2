"""``/api/v1/production/reporting/status``, ``/reports/{id}/return`` and the on-time KPI."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Request
from starlette.responses import Response

from clusterkit.app import ReadDep, WriteDep, answer, settings_of
from clusterkit.listing import PageQuery
from clusterkit.pagination import Page
from clusterkit.routing import Router
from production.domain import PeriodText
from production.periods.rules import parse_period
from production.reporting import access, queries, rules, service
from production.reporting.schemas import OnTimeReporting, ReportingStatus, ReportReturn, ReturnIn
from production.settings import ProductionSettings

router = Router(prefix="/api/v1/production", tags=["reporting"])


class StatusQuery(PageQuery):
    """The month asked about, and the paging."""

    period: PeriodText


@router.get(
    "/reporting/status",
    response_model=Page[ReportingStatus],
    summary="Who reported a month on time, late or not at all, with its due date",
)
async def reporting_status(
    request: Request, read: ReadDep, query: Annotated[StatusQuery, Query()]
) -> Response:
    settings = settings_of(request, ProductionSettings)
    month = parse_period(query.period, where="query")
    return await queries.REPORTING_STATUS.page(
        read,
        query,
        period=month,
        due_date=rules.due_date(month, settings.report_due_day),
        time_zone=settings.reporting_time_zone,
        organisation_id=access.organisation_seen(read.caller),
    )


@router.post(
    "/reports/{report_id}/return",
    response_model=ReportReturn,
    summary="Return a reported figure to its organisation to be revised (admin)",
)
async def return_report(
    report_id: Annotated[int, Path(ge=1, le=2**63 - 1)], body: ReturnIn, write: WriteDep
) -> Response:
    returned = await write(service.return_report, report_id=report_id, reason=body.reason)
    return answer(ReportReturn.model_validate(returned))


@router.get(
    "/kpis/on-time-reporting",
    response_model=OnTimeReporting,
    summary="On-time reporting for a year: per organisation, and for the cluster",
)
async def on_time_reporting(
    request: Request,
    read: ReadDep,
    year: Annotated[int, Query(ge=2000, le=2100)],
) -> Response:
    kpi = await service.on_time_reporting(
        read, caller=read.caller, year=year, settings=settings_of(request, ProductionSettings)
    )
    return answer(OnTimeReporting.model_validate(kpi))
