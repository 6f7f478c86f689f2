"""Answers of reporting deadlines, and the body of a return."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from production.domain import Text
from production.reporting.rules import State


class ReportingStatus(BaseModel):
    organisation_id: UUID
    legal_name: str
    kind: str = Field(description="`producer` (Almalyk MMC) or `member`.")
    period: str
    due_date: date
    reported_on: date | None = Field(
        description="The day (Tashkent time) the month was first reported; null if not yet."
    )
    state: State = Field(
        description="`on_time`: first reported by the due date; `late`: after it; "
        "`missing`: not reported (yet: see `due_date`); `returned`: an admin returned one "
        "of its figures and it is not revised yet."
    )


class ReturnIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: Text


class ReportReturn(BaseModel):
    report_id: int
    organisation_id: UUID
    metric: str
    period: str
    product_category: str | None
    revision: int
    reason: str
    returned_at: datetime
    returned_by: str


class OnTimeFigures(BaseModel):
    due: int = Field(description="Months of the year whose due date has passed.")
    on_time: int
    late: int
    missing: int
    share: Decimal | None = Field(description="on_time / due, to 4 places; null if none due.")


class OrganisationOnTime(OnTimeFigures):
    organisation_id: UUID
    legal_name: str


class OnTimeReporting(BaseModel):
    year: int
    due_day: int
    cluster: OnTimeFigures
    organisations: list[OrganisationOnTime] = Field(
        description="Every active organisation for an admin; a key's own organisation for "
        "a member; empty for anonymous callers."
    )
