"""Requests and answers of reports. A report revision answers as ``Figure``, its OpenAPI
name."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from production.domain import Metric, PeriodText, ProductCategory, Quantity, Text


class ReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    organisation_id: UUID
    metric: Metric
    period: PeriodText
    product_category: ProductCategory | None = None
    quantity: Quantity
    unit: str = Field(pattern=r"^[A-Z0-9]{3}$", description="UN/ECE unit or ISO 4217 currency")
    note: Text | None = None
    reason: Text | None = Field(None, description="Why: required to correct a locked period")


class Figure(BaseModel):
    id: int = Field(description="This revision's id (`POST /reports/{id}/return` names it).")
    organisation_id: UUID
    metric: Metric
    period: str
    product_category: ProductCategory | None
    quantity: Decimal
    unit: str
    note: str | None
    reason: str | None
    revision: int
    recorded_at: datetime
    recorded_by: str
