"""The events of reporting deadlines: a report returned for revision, a report falling due."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, Field

from production.domain import PeriodText
from production.reporting.rules import Reminder


class ReportReturned(BaseModel):
    """An admin returned a reported figure to its organisation to be revised."""

    organisation_id: UUID
    report_id: int = Field(description="The revision returned (the report's `id`).")
    metric: str
    period: PeriodText
    product_category: str | None = None
    revision: int
    reason: str
    returned_at: datetime


class ReportDue(BaseModel):
    """A reminder: the organisation has not reported the month and the due day is near
    (``due_soon``) or today (``due_today``)."""

    organisation_id: UUID
    period: PeriodText
    due_date: date
    reminder: Reminder
    sent_at: datetime
