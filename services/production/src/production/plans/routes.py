"""``/api/v1/production/plans``: an organisation's monthly targets for a metric and year."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import Path
from starlette.responses import Response

from clusterkit.app import ReadDep, WriteDep
from clusterkit.export import EXPORT_RESPONSES
from clusterkit.pagination import Page
from clusterkit.routing import Router
from production.domain import Metric
from production.plans import exports, queries, rules, service
from production.plans.schemas import Plan, PlanIn
from production.reports.routes import FigureQueryDep
from production.reports.schemas import Figure

router = Router(prefix="/api/v1/production/plans", tags=["plans"])


@router.put(
    "/{organisation_id}/{metric}/{year}",
    summary="Set a year's plan (a new revision of each month's target)",
)
async def put_plan(
    organisation_id: UUID,
    metric: Metric,
    year: Annotated[int, Path(ge=2000, le=2100)],
    body: PlanIn,
    write: WriteDep,
) -> Plan:
    plan = await write(
        service.set_plan,
        organisation_id=organisation_id,
        metric=metric,
        year=year,
        monthly=rules.monthly_targets(body.monthly, body.annual),
        category=body.product_category,
        note=body.note,
    )
    return Plan.model_validate(plan)


@router.get(
    "",
    response_model=Page[Figure],
    responses=EXPORT_RESPONSES,
    summary="The latest monthly targets, or what was known at `as_of` (CSV or XLSX with `format`)",
)
async def list_plans(read: ReadDep, query: FigureQueryDep) -> Response:
    """A target is a month's planned quantity (a plan's revision): filtered as reports are,
    and seen by whom sees the organisation's reports."""
    filters = query.filters(read.caller)
    return await read.page_or_file(queries.LATEST_PLANS, exports.PLANS, query, **filters)
