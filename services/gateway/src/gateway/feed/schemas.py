"""The feed's answers."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field


class FeedEvent(BaseModel):
    """A CloudEvent (structured mode) with its place in the feed."""

    specversion: str = "1.0"
    id: UUID
    source: str
    type: str
    subject: str
    time: datetime
    datacontenttype: str = "application/json"
    requestid: str | None = None
    data: dict[str, Any]


class FeedPage(BaseModel):
    items: list[FeedEvent]
    next_cursor: str = Field(
        description="Always present: pass it back to read on (an empty page means caught up)"
    )
