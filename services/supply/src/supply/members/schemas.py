"""A member as supply knows it."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel


class Member(BaseModel):
    id: UUID
    legal_name: str
    stir: str
    region: str
    sectors: list[str]
    status: str
    updated_at: datetime
