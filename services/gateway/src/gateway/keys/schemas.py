"""API key requests and answers."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

KeyRole = Literal["admin", "member", "supplier", "procurement"]


class KeyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    role: KeyRole
    organisation_id: str | None = Field(
        None,
        min_length=1,
        max_length=64,
        description="The member (member keys) or supplier (supplier keys) the key acts for.",
    )
    expires_at: datetime | None = None


class ApiKey(BaseModel):
    id: UUID
    name: str
    role: KeyRole
    organisation_id: str | None
    prefix: str = Field(description="The key's first characters, to tell keys apart.")
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


class IssuedApiKey(ApiKey):
    key: str = Field(description="Shown once; only its hash is stored.")
