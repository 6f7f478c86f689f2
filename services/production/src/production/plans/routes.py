"""``/api/v1/production/plans``: an organisation's monthly targets for a metric and year."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path

from clusterkit.app import WriteDep
from production.domain import Metric
from production.plans import rules, service
from production.plans.schemas import Plan, PlanIn

router = APIRouter(prefix="/api/v1/production/plans", tags=["plans"])


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
