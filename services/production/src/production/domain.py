"""What the cluster measures, shared by every feature: the metrics, product categories and
units, how quantities convert, and the formats periods and quantities take in the API."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from clusterkit.i18n import N_, gettext

# Almalyk MMC, the cathode producer: seeded by the first migration, fixed id.
AMMC_ID = "00000000-0000-4000-8000-00000000a3c0"
DEEP_PROCESSING_TARGET = Decimal("0.80")
QUANTITY = Decimal("0.001")  # quantities are stored to the kilogram, metre or piece
SHARE = Decimal("0.0001")  # ratios (fulfilment, growth, shares) to 4 places

PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
PeriodText = Annotated[str, Field(pattern=PERIOD_PATTERN, examples=["2025-03"])]
Quantity = Annotated[Decimal, Field(ge=0, max_digits=20, decimal_places=6)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class Metric(StrEnum):
    CATHODE_OUTPUT = "cathode_output"
    COPPER_PROCESSED = "copper_processed"
    PRODUCT_OUTPUT = "product_output"
    EXPORT_VALUE = "export_value"
    INDUSTRIAL_OUTPUT_VALUE = "industrial_output_value"
    LOCAL_PURCHASES_VALUE = "local_purchases_value"


class ProductCategory(StrEnum):
    """The cluster's priority areas that make products."""

    unit: str  # the UN/ECE Rec 20 unit a category's product output is counted in

    def __new__(cls, value: str, unit: str) -> ProductCategory:
        category = str.__new__(cls, value)
        category._value_ = value
        category.unit = unit
        return category

    CABLE_WIRE = "cable_wire", "KMT"
    PIPES = "pipes", "TNE"
    FITTINGS = "fittings", "H87"
    COPPER_POWDER = "copper_powder", "TNE"
    EV_PARTS_CHARGERS = "ev_parts_chargers", "H87"
    RENEWABLE_ENERGY = "renewable_energy", "H87"
    CHEMICAL_REAGENTS = "chemical_reagents", "TNE"
    EQUIPMENT_MECHANISMS = "equipment_mechanisms", "H87"


@dataclass(frozen=True)
class MetricDefinition:
    code: Metric
    unit: str  # UN/ECE Rec 20 unit or ISO 4217 currency; product_output: per category
    description: str
    higher_is_better: bool = True
    by_category: bool = False  # product_category required


METRICS: dict[Metric, MetricDefinition] = {
    d.code: d
    for d in (
        MetricDefinition(
            Metric.CATHODE_OUTPUT, "TNE", "Refined copper cathode produced (Almalyk MMC)."
        ),
        MetricDefinition(
            Metric.COPPER_PROCESSED,
            "TNE",
            "Copper content (Cu, tonnes) processed into finished products in "
            "the country; optionally by product category.",
        ),
        MetricDefinition(
            Metric.PRODUCT_OUTPUT,
            "per category",
            "Finished products made, in the category's unit.",
            by_category=True,
        ),
        MetricDefinition(Metric.EXPORT_VALUE, "USD", "Value of exports."),
        MetricDefinition(Metric.INDUSTRIAL_OUTPUT_VALUE, "UZS", "Value of industrial output."),
        MetricDefinition(
            Metric.LOCAL_PURCHASES_VALUE, "UZS", "Purchases from local producers (localization)."
        ),
    )
}
# Metrics that may be broken down by product category (product_output must be).
WITH_CATEGORIES = frozenset({Metric.PRODUCT_OUTPUT, Metric.COPPER_PROCESSED})
# The two metrics the deep-processing share is made of.
SHARE_METRICS = frozenset({Metric.COPPER_PROCESSED, Metric.CATHODE_OUTPUT})

# unit -> (base unit, factor to the base): only same-dimension conversions exist.
CONVERSIONS: dict[str, tuple[str, Decimal]] = {
    "TNE": ("TNE", Decimal(1)),
    "KGM": ("TNE", Decimal("0.001")),
    "KMT": ("KMT", Decimal(1)),
    "MTR": ("KMT", Decimal("0.001")),
    "H87": ("H87", Decimal(1)),
    "USD": ("USD", Decimal(1)),
    "UZS": ("UZS", Decimal(1)),
}


def category_message(
    metric: Metric, category: ProductCategory | None
) -> tuple[str, dict[str, str]] | None:
    """Why ``category`` does not fit ``metric``, as a msgid and its parameters (a field
    error's message); None: it fits."""
    if METRICS[metric].by_category and category is None:
        return N_("{metric} is reported per product category."), {"metric": metric.value}
    if category is not None and metric not in WITH_CATEGORIES:
        return N_("{metric} has no product categories."), {"metric": metric.value}
    return None


def category_problem(metric: Metric, category: ProductCategory | None) -> str | None:
    """Why ``category`` does not fit ``metric``, in English (an import's row errors)."""
    found = category_message(metric, category)
    return gettext("en", found[0], **found[1]) if found else None


def metric_unit(metric: Metric, category: ProductCategory | None) -> str:
    """The unit a metric is stored in (for product_output, its category's)."""
    definition = METRICS[metric]
    if definition.by_category:
        assert category is not None
        return category.unit
    return definition.unit


def in_metric_unit(
    metric: Metric, category: ProductCategory | None, quantity: Decimal, unit: str
) -> tuple[Decimal | None, str]:
    """The quantity in the metric's own unit, rounded as stored (None when ``unit`` does not
    convert to it), and that unit."""
    target = metric_unit(metric, category)
    converted = convert(quantity, unit, target)
    return (converted.quantize(QUANTITY) if converted is not None else None), target


def convert(quantity: Decimal, unit: str, to: str) -> Decimal | None:
    """``quantity`` in ``unit`` expressed in ``to``; None when they measure different things."""
    source, target = CONVERSIONS.get(unit), CONVERSIONS.get(to)
    if source is None or target is None or source[0] != target[0]:
        return None
    return quantity * source[1] / target[1]
