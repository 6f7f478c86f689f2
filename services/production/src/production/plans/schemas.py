"""Requests and answers of plans."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator

from clusterkit.i18n import N_
from production.domain import Metric, ProductCategory, Quantity, Text


class PlanIn(BaseModel):
    """Monthly targets, or an annual one spread evenly over the months."""

    model_config = ConfigDict(extra="forbid")
    monthly: list[Quantity] | None = Field(None, min_length=12, max_length=12)
    annual: Quantity | None = None
    product_category: ProductCategory | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_of(self) -> PlanIn:
        if (self.monthly is None) == (self.annual is None):
            raise ValueError(N_("give either monthly (12 targets) or annual"))
        return self


class Plan(BaseModel):
    organisation_id: UUID
    metric: Metric
    year: int
    product_category: ProductCategory | None
    unit: str
    monthly: list[Decimal]
    annual: Decimal
    recorded_at: datetime
