"""Setting a year's plan: a new revision of each month's target, and ``plan.set``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from clusterkit.errors import NotFound
from clusterkit.i18n import N_
from clusterkit.unit_of_work import UnitOfWork
from production import events
from production.domain import Metric, ProductCategory, metric_unit
from production.plans import access, queries
from production.reports.rules import category_value
from production.reports.service import add_revisions


async def set_plan(
    uow: UnitOfWork,
    *,
    organisation_id: UUID,
    metric: Metric,
    year: int,
    monthly: list[Decimal],
    category: ProductCategory | None,
    note: str | None,
) -> dict[str, Any]:
    access.ensure_plans_for(uow.caller, organisation_id)
    if await uow.value(queries.ORGANISATION, organisation_id=organisation_id) is None:
        raise NotFound("organisation", N_("No organisation with this id."))
    category_text = category_value(metric, category)
    unit = metric_unit(metric, category)
    added = await add_revisions(
        uow,
        kind="plan",
        organisation_id=organisation_id,
        metric=metric,
        category=category_text,
        unit=unit,
        quantities={date(year, month, 1): target for month, target in enumerate(monthly, 1)},
        note=note,
    )
    plan = {
        "organisation_id": organisation_id,
        "metric": metric,
        "year": year,
        "product_category": category_text or None,
        "unit": unit,
        "monthly": monthly,
        "annual": sum(monthly, Decimal(0)),
        "recorded_at": added[0]["recorded_at"],
    }
    uow.publish(events.contracts.event(events.PLAN_SET, events.PlanSet(**plan)))
    return plan
