"""The event a plan makes: ``plan.set``, a year's monthly targets."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field


class PlanSet(BaseModel):
    """Monthly targets of an organisation for a metric and year."""

    organisation_id: UUID
    metric: str
    year: int
    product_category: str | None = None
    unit: str
    monthly: list[Decimal] = Field(min_length=12, max_length=12)
    annual: Decimal
    recorded_at: datetime
