"""The event a report makes: ``report.submitted`` (first revision) or ``report.revised``."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from production.domain import PeriodText


class ReportRecorded(BaseModel):
    """A figure an organisation reported for a month (first time, or a revision)."""

    organisation_id: UUID
    metric: str
    period: PeriodText
    product_category: str | None = None
    quantity: Decimal
    unit: str
    revision: int
    previous_quantity: Decimal | None = None
    reason: str | None = None
    recorded_at: datetime
