"""A document as answered (:class:`clusterkit.documents.Document`; a certificate's
``details`` are its particulars), and a certificate's particulars as sent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from clusterkit import documents


class Document(documents.Document):
    details: dict[str, Any] = Field(
        default_factory=dict,
        description="A certificate's number, issuer, issued_on, expires_on and "
        "local_content_percent.",
    )


class Documents(BaseModel):
    items: list[Document]
    next_cursor: None = None


class Certificate(BaseModel):
    number: str = Field(min_length=1, max_length=100)
    issuer: str = Field(min_length=1, max_length=300)
    issued_on: date
    expires_on: date
    local_content_percent: Decimal = Field(max_digits=5, decimal_places=2)
