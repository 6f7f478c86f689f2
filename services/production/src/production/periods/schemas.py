"""Requests and answers of period locks."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from production.domain import Text


class LockIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: Text | None = None


class PeriodLock(BaseModel):
    period: str
    locked_at: datetime
    reason: str | None
