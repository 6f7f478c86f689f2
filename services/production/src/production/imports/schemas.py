"""The answer of an import."""

from __future__ import annotations

from pydantic import BaseModel


class ImportSummary(BaseModel):
    rows: int
    applied: int
    seconds: float
