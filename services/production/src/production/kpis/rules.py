"""KPI arithmetic, no I/O: figures summed per rollup bucket (month ``2025-03``, quarter
``2025-Q1``, year ``2025``) in Decimal, ratios quantized to 4 places (never floats):
fulfilment (actual ÷ plan), growth (against the same bucket a year earlier) and the
deep-processing share (members' processed copper ÷ AMMC's cathode output)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID

from clusterkit.sql import Row
from production.domain import DEEP_PROCESSING_TARGET, SHARE, Metric
from production.periods.rules import period_text


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


def year_before(bucket_name: str) -> str:
    """The same bucket a year earlier: ``2025-03`` -> ``2024-03``, ``2025`` -> ``2024``."""
    year, _, rest = bucket_name.partition("-")
    return f"{int(year) - 1}" + (f"-{rest}" if rest else "")


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (numerator / denominator).quantize(SHARE)


# (organisation or None for the cluster, metric, category, unit, bucket)
SumKey = tuple[UUID | None, str, str | None, str, str]


def sums(rows: Iterable[Row], rollup: Rollup, *, by_organisation: bool) -> dict[SumKey, Decimal]:
    """Latest figures summed per key and bucket."""
    totals: dict[SumKey, Decimal] = defaultdict(Decimal)
    for row in rows:
        key = (
            row["organisation_id"] if by_organisation else None,
            row["metric"],
            row["product_category"] or None,
            row["unit"],
            bucket(row["period"], rollup),
        )
        totals[key] += row["quantity"]
    return totals


def _ordered(keys: Iterable[SumKey]) -> list[SumKey]:
    return sorted(keys, key=lambda k: (str(k[0]), *map(str, k[1:])))


def _row(key: SumKey, actual: Decimal | None) -> dict[str, Any]:
    organisation_id, metric, category, unit, period = key
    return {
        "organisation_id": organisation_id,
        "metric": metric,
        "product_category": category,
        "unit": unit,
        "period": period,
        "actual": actual,
    }


def fulfilment(actual: dict[SumKey, Decimal], plan: dict[SumKey, Decimal]) -> list[dict[str, Any]]:
    rows = []
    for key in _ordered(set(actual) | set(plan)):
        a, p = actual.get(key), plan.get(key)
        rows.append(
            {
                **_row(key, a),
                "plan": p,
                "fulfilment": ratio(a, p),
                "variance": a - p if a is not None and p is not None else None,
            }
        )
    return rows


def growth(actual: dict[SumKey, Decimal], year: int) -> list[dict[str, Any]]:
    """Each bucket of ``year`` against the same bucket a year earlier (``actual`` holds
    both years)."""
    rows = []
    for key in _ordered(actual):
        organisation_id, metric, category, unit, period = key
        if not period.startswith(str(year)):
            continue
        earlier = year_before(period)
        previous = actual.get((organisation_id, metric, category, unit, earlier))
        current = actual[key]
        rows.append(
            {
                **_row(key, current),
                "previous_period": earlier,
                "previous": previous,
                "growth": ratio(current, previous),
                "change": current - previous if previous is not None else None,
            }
        )
    return rows


@dataclass(frozen=True)
class Month:
    """A month's processed copper (members) and cathode output (AMMC), in tonnes."""

    processed: Decimal
    cathode: Decimal

    @property
    def share(self) -> Decimal | None:
        return ratio(self.processed, self.cathode)


def months(rows: Iterable[Row], periods: Sequence[date]) -> dict[date, Month]:
    """Each of ``periods`` from rows of (period, metric, quantity) sums."""
    totals = {(row["period"], row["metric"]): row["quantity"] for row in rows}
    return {
        period: Month(
            totals.get((period, Metric.COPPER_PROCESSED), Decimal(0)),
            totals.get((period, Metric.CATHODE_OUTPUT), Decimal(0)),
        )
        for period in periods
    }


def deep_processing(
    grouped: Iterable[Row], active_members: Iterable[Row], periods: Sequence[date], *, detail: bool
) -> dict[str, Any]:
    """The deep-processing answer from the sums per month, per product category and per
    member (GROUPING SETS rows: in each, the other groupings' columns are NULL) and the
    active members (to name those that did not report)."""
    processed: dict[date, Decimal] = defaultdict(Decimal)
    cathode: dict[date, Decimal] = defaultdict(Decimal)
    by_category: dict[str, Decimal] = {}
    by_member: dict[UUID, tuple[str, Decimal]] = {}
    for r in grouped:
        if r["period"] is not None:
            month = cathode if r["metric"] == Metric.CATHODE_OUTPUT else processed
            month[r["period"]] = r["quantity"]
        elif r["metric"] == Metric.CATHODE_OUTPUT:
            continue
        elif r["product_category"] is not None:
            by_category[r["product_category"] or "unspecified"] = r["quantity"]
        else:
            by_member[r["organisation_id"]] = (r["legal_name"], r["quantity"])
    total_processed = sum(processed.values(), Decimal(0))
    total_cathode = sum(cathode.values(), Decimal(0))
    share = ratio(total_processed, total_cathode)
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
            {"organisation_id": m["id"], "legal_name": m["legal_name"]}
            for m in active_members
            if m["id"] not in by_member
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
