"""The answer of the metrics list."""

from __future__ import annotations

from pydantic import BaseModel

from production.domain import Metric, ProductCategory


class MetricInfo(BaseModel):
    code: Metric
    unit: str
    higher_is_better: bool
    description: str
    category_units: dict[ProductCategory, str] | None = None
