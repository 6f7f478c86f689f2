"""KPIs from the latest revisions (as of now, or as of any past moment), and the
deep-processing updates that reports publish."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from clusterkit.sql import SQL
from clusterkit.unit_of_work import UnitOfWork
from production import events
from production.domain import DEEP_PROCESSING_TARGET, Metric
from production.kpis import queries, rules
from production.periods.rules import period_text


@dataclass(frozen=True)
class Scope:
    year: int
    rollup: rules.Rollup = rules.Rollup.MONTH
    organisation_id: UUID | None = None  # None: the whole cluster
    metric: Metric | None = None
    as_of: datetime | None = None


async def _sums(read: SQL, kind: str, scope: Scope, first_year: int) -> dict[rules.SumKey, Any]:
    rows = await read.fetch(
        queries.LATEST_BETWEEN,
        kind=kind,
        period_from=date(first_year, 1, 1),
        period_to=date(scope.year, 12, 1),
        organisation_id=scope.organisation_id,
        metric=scope.metric.value if scope.metric else None,
        as_of=scope.as_of,
    )
    return rules.sums(rows, scope.rollup, by_organisation=scope.organisation_id is not None)


async def fulfilment(read: SQL, scope: Scope) -> list[dict[str, Any]]:
    actual = await _sums(read, "actual", scope, scope.year)
    plan = await _sums(read, "plan", scope, scope.year)
    return rules.fulfilment(actual, plan)


async def growth(read: SQL, scope: Scope) -> list[dict[str, Any]]:
    return rules.growth(await _sums(read, "actual", scope, scope.year - 1), scope.year)


async def deep_processing(
    read: SQL, periods: Sequence[date], as_of: datetime | None, *, detail: bool
) -> dict[str, Any]:
    """Members' ``copper_processed`` ÷ AMMC's ``cathode_output`` over ``periods`` (a month,
    or the months of a year), by month, by product category, by member (``detail``), and
    the active members who did not report processed copper in any of the periods."""
    grouped = await read.fetch(
        queries.DEEP_PROCESSING, period_from=periods[0], period_to=periods[-1], as_of=as_of
    )
    active = await read.fetch(queries.ACTIVE_MEMBERS)
    return rules.deep_processing(grouped, active, periods, detail=detail)


async def publish_share_updates(uow: UnitOfWork, periods: Iterable[date]) -> None:
    """A ``deep_processing.updated`` event for each of ``periods``, with its share now."""
    ordered = sorted(periods)
    rows = await uow.fetch(queries.MONTH_SUMS, periods=ordered)
    now = await uow.now()
    for period, month in rules.months(rows, ordered).items():
        uow.publish(
            events.contracts.event(
                events.DEEP_PROCESSING_UPDATED,
                events.DeepProcessingUpdated(
                    period=period_text(period),
                    copper_processed_t=month.processed,
                    cathode_output_t=month.cathode,
                    share=month.share,
                    target=DEEP_PROCESSING_TARGET,
                    occurred_at=now,
                ),
            )
        )
