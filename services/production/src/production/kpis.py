"""KPIs from the latest figures: plan fulfilment, year-on-year growth, and the share of
AMMC's cathode copper that members process into finished products (target 80%).

Figures are summed per rollup bucket (month ``2025-03``, quarter ``2025-Q1``, year
``2025``) in Decimal; ratios are quantized to 4 places, never floats.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from production.domain import AMMC_ID, DEEP_PROCESSING_TARGET, Metric
from production.models import effective_status, figures, organisations
from production.service import SHARE, latest_figures, period_text


class Rollup(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def bucket(period: date, rollup: Rollup) -> str:
    if rollup is Rollup.MONTH:
        return period_text(period)
    if rollup is Rollup.QUARTER:
        return f"{period.year}-Q{(period.month - 1) // 3 + 1}"
    return str(period.year)


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (numerator / denominator).quantize(SHARE)


@dataclass(frozen=True)
class Scope:
    year: int
    rollup: Rollup = Rollup.MONTH
    organisation_id: uuid.UUID | None = None  # None: the whole cluster
    metric: Metric | None = None
    as_of: datetime | None = None


async def _sums(
    session: AsyncSession, kind: str, scope: Scope, years: Iterable[int]
) -> dict[tuple[Any, ...], Decimal]:
    """Latest figures of ``kind`` summed per (organisation or None, metric, category,
    bucket)."""
    years = list(years)
    f = figures.c
    query = latest_figures(kind, as_of=scope.as_of).where(
        f.period >= date(min(years), 1, 1), f.period <= date(max(years), 12, 1)
    )
    if scope.organisation_id:
        query = query.where(f.organisation_id == scope.organisation_id)
    if scope.metric:
        query = query.where(f.metric == scope.metric)
    sums: dict[tuple[Any, ...], Decimal] = defaultdict(Decimal)
    for row in (await session.execute(query)).all():
        key = (
            scope.organisation_id and row.organisation_id,
            row.metric,
            row.product_category or None,
            row.unit,
            bucket(row.period, scope.rollup),
        )
        sums[key] += row.quantity
    return sums


async def fulfilment(session: AsyncSession, scope: Scope) -> list[dict[str, Any]]:
    actual = await _sums(session, "actual", scope, [scope.year])
    plan = await _sums(session, "plan", scope, [scope.year])
    rows = []
    for key in sorted(set(actual) | set(plan), key=lambda k: (str(k[0]), *map(str, k[1:]))):
        organisation_id, metric, category, unit, period = key
        a, p = actual.get(key), plan.get(key)
        rows.append(
            {
                "organisation_id": organisation_id,
                "metric": metric,
                "product_category": category,
                "unit": unit,
                "period": period,
                "actual": a,
                "plan": p,
                "fulfilment": ratio(a, p),
                "variance": a - p if a is not None and p is not None else None,
            }
        )
    return rows


def _previous(period: str) -> str:
    year, _, rest = period.partition("-")
    return f"{int(year) - 1}" + (f"-{rest}" if rest else "")


async def growth(session: AsyncSession, scope: Scope) -> list[dict[str, Any]]:
    sums = await _sums(session, "actual", scope, [scope.year - 1, scope.year])
    rows = []
    for key in sorted(sums, key=lambda k: (str(k[0]), *map(str, k[1:]))):
        organisation_id, metric, category, unit, period = key
        if not period.startswith(str(scope.year)):
            continue
        previous = sums.get((organisation_id, metric, category, unit, _previous(period)))
        current = sums[key]
        rows.append(
            {
                "organisation_id": organisation_id,
                "metric": metric,
                "product_category": category,
                "unit": unit,
                "period": period,
                "actual": current,
                "previous_period": _previous(period),
                "previous": previous,
                "growth": ratio(current, previous),
                "change": current - previous if previous is not None else None,
            }
        )
    return rows


async def deep_processing(
    session: AsyncSession, periods: list[date], as_of: datetime | None, *, detail: bool
) -> dict[str, Any]:
    """Members' ``copper_processed`` ÷ AMMC's ``cathode_output`` over ``periods``, by month,
    by product category, by member (``detail``), and the active members who did not
    report processed copper in any of the periods."""
    f = figures.c
    o = organisations.c
    latest = (
        latest_figures("actual", as_of=as_of)
        .where(
            f.period.in_(periods), f.metric.in_([Metric.COPPER_PROCESSED, Metric.CATHODE_OUTPUT])
        )
        .subquery()
    )
    k = latest.c
    counted = ((k.metric == Metric.CATHODE_OUTPUT) & (k.organisation_id == uuid.UUID(AMMC_ID))) | (
        (k.metric == Metric.COPPER_PROCESSED) & (o.kind == "member")
    )
    # Summed in Postgres, one grouping per breakdown: a handful of rows come back however
    # many revisions there are. In each row the columns of the other groupings are NULL.
    rows = (
        await session.execute(
            select(
                k.metric,
                k.period,
                k.product_category,
                k.organisation_id,
                func.min(o.legal_name).label("legal_name"),
                func.sum(k.quantity).label("quantity"),
            )
            .join(organisations, o.id == k.organisation_id)
            .where(counted)
            .group_by(
                func.grouping_sets(
                    tuple_(k.metric, k.period),
                    tuple_(k.metric, k.product_category),
                    tuple_(k.metric, k.organisation_id),
                )
            )
        )
    ).all()
    processed: dict[date, Decimal] = defaultdict(Decimal)
    cathode: dict[date, Decimal] = defaultdict(Decimal)
    by_category: dict[str, Decimal] = {}
    by_member: dict[uuid.UUID, tuple[str, Decimal]] = {}
    for r in rows:
        if r.period is not None:
            (cathode if r.metric == Metric.CATHODE_OUTPUT else processed)[r.period] = r.quantity
        elif r.metric == Metric.CATHODE_OUTPUT:
            continue
        elif r.product_category is not None:
            by_category[r.product_category or "unspecified"] = r.quantity
        else:
            by_member[r.organisation_id] = (r.legal_name, r.quantity)
    total_processed = sum(processed.values(), Decimal(0))
    total_cathode = sum(cathode.values(), Decimal(0))
    share = ratio(total_processed, total_cathode)
    active = (
        await session.execute(
            select(o.id, o.legal_name)
            .where(o.kind == "member", effective_status() == "active")
            .order_by(o.legal_name)
        )
    ).all()
    result: dict[str, Any] = {
        "periods": [period_text(p) for p in periods],
        "copper_processed_t": total_processed,
        "cathode_output_t": total_cathode,
        "share": share,
        "target": DEEP_PROCESSING_TARGET,
        "gap_to_target": (DEEP_PROCESSING_TARGET - share) if share is not None else None,
        "by_month": [
            {
                "period": period_text(p),
                "copper_processed_t": processed[p],
                "cathode_output_t": cathode[p],
                "share": ratio(processed[p], cathode[p]),
            }
            for p in periods
        ],
        "by_category": [
            {"product_category": c, "copper_processed_t": q, "share": ratio(q, total_cathode)}
            for c, q in sorted(by_category.items())
        ],
        "not_reported": [
            {"organisation_id": m.id, "legal_name": m.legal_name}
            for m in active
            if m.id not in by_member
        ],
    }
    if detail:
        result["by_member"] = [
            {
                "organisation_id": i,
                "legal_name": name,
                "copper_processed_t": q,
                "share": ratio(q, total_cathode),
            }
            for i, (name, q) in sorted(by_member.items(), key=lambda x: x[1][0])
        ]
    return result
