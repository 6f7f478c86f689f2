"""The localization statistics as a file: a row per product category and one for all of
them; the columns and their header labels (msgids)."""

from __future__ import annotations

from typing import Any

from clusterkit.export import Column, Sheet
from clusterkit.i18n import N_
from supply.reporting.schemas import Localization

ALL_CATEGORIES = "all"

LOCALIZATION = Sheet(
    "localization",
    N_("Localization"),
    (
        Column("year", N_("Year")),
        Column("category", N_("Category"), codes="categories"),
        Column("total_uzs", N_("Total (UZS)")),
        Column("local_uzs", N_("From local suppliers (UZS)")),
        Column("non_local_uzs", N_("From other suppliers (UZS)")),
        Column("local_share", N_("Local share")),
    ),
)


def localization_rows(figures: Localization) -> list[dict[str, Any]]:
    """Each category's figures, then the year's (category ``all``)."""
    total = figures.model_dump(include={"total_uzs", "local_uzs", "non_local_uzs", "local_share"})
    return [
        *({"year": figures.year, **c.model_dump()} for c in figures.by_category),
        {"year": figures.year, "category": ALL_CATEGORIES, **total},
    ]
