"""``/api/v1/production/metrics``: what the cluster measures, with units (public)."""

from __future__ import annotations

from clusterkit.routing import Router
from production.domain import METRICS, ProductCategory
from production.metrics.schemas import MetricInfo

router = Router(prefix="/api/v1/production/metrics", tags=["metrics"])

ANSWER = [
    MetricInfo(
        code=d.code,
        unit=d.unit,
        higher_is_better=d.higher_is_better,
        description=d.description,
        category_units={c: c.unit for c in ProductCategory} if d.by_category else None,
    )
    for d in METRICS.values()
]


@router.get("", summary="What the cluster measures, with units (public)")
async def list_metrics() -> list[MetricInfo]:
    return ANSWER
