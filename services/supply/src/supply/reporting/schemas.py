"""The figures' answers: local and non-local purchases in UZS, overall and by category."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from supply.domain import Category


class LocalShare(BaseModel):
    total_uzs: Decimal
    local_uzs: Decimal
    non_local_uzs: Decimal
    local_share: Decimal | None = Field(description="local ÷ total, null when nothing was bought")


class CategoryShare(LocalShare):
    category: Category


class Localization(LocalShare):
    year: int
    orders: int
    by_category: list[CategoryShare]
    reference_2025: dict[str, Decimal] = Field(
        description="AMMC's 2025 localization figures (UZS): local products, and purchases "
        "through industrial cooperation"
    )
