"""The event a period lock makes: ``period.locked``, keyed by the period."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from production.domain import PeriodText


class PeriodLocked(BaseModel):
    period: PeriodText
    reason: str | None = None
    locked_at: datetime
