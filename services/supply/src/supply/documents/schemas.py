"""A document as answered (never its bytes), and a certificate's particulars."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
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
    details: dict[str, Any] = Field(
        default_factory=dict,
        description="A certificate's number, issuer, issued_on, expires_on and "
        "local_content_percent.",
    )
    uploaded_at: datetime


class Documents(BaseModel):
    items: list[Document]
    next_cursor: None = None


class Certificate(BaseModel):
    number: str = Field(min_length=1, max_length=100)
    issuer: str = Field(min_length=1, max_length=300)
    issued_on: date
    expires_on: date
    local_content_percent: Decimal = Field(max_digits=5, decimal_places=2)
