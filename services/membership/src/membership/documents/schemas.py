"""A document as answered: what it is and whose, never its bytes."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field


class Document(BaseModel):
    id: UUID
    kind: str
    filename: str
    content_type: str = Field(description="As sniffed from the content, not as claimed.")
    size: int = Field(description="Bytes.")
    sha256: str = Field(description="Hex SHA-256 of the content.")
    details: dict[str, Any] = Field(default_factory=dict)
    uploaded_at: datetime


class Documents(BaseModel):
    items: list[Document]
    next_cursor: None = None
