"""Answers about notices."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class DeadLetter(BaseModel):
    id: int
    event_id: str
    kind: str
    recipient: str
    attempts: int
    last_error: str | None
    created_at: datetime
    claimed_at: datetime | None


class OptedOut(BaseModel):
    email: str
    kind: str
    opted_out: bool = True
