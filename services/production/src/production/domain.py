"""What the cluster measures: the metrics catalogue, product categories and units."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

# Almalyk MMC, the cathode producer: seeded by the first migration, fixed id.
AMMC_ID = "00000000-0000-4000-8000-00000000a3c0"
DEEP_PROCESSING_TARGET = Decimal("0.80")


class Metric(StrEnum):
    CATHODE_OUTPUT = "cathode_output"
    COPPER_PROCESSED = "copper_processed"
    PRODUCT_OUTPUT = "product_output"
    EXPORT_VALUE = "export_value"
    INDUSTRIAL_OUTPUT_VALUE = "industrial_output_value"
    LOCAL_PURCHASES_VALUE = "local_purchases_value"


class ProductCategory(StrEnum):
    """The cluster's priority areas that make products."""

    CABLE_WIRE = "cable_wire"
    PIPES = "pipes"
    FITTINGS = "fittings"
    COPPER_POWDER = "copper_powder"
    EV_PARTS_CHARGERS = "ev_parts_chargers"
    RENEWABLE_ENERGY = "renewable_energy"
    CHEMICAL_REAGENTS = "chemical_reagents"
    EQUIPMENT_MECHANISMS = "equipment_mechanisms"


@dataclass(frozen=True)
class MetricDefinition:
    code: Metric
    unit: str  # UN/ECE Rec 20 unit or ISO 4217 currency; product_output: per category
    description: str
    higher_is_better: bool = True
    by_category: bool = False  # product_category required


CATALOGUE: dict[Metric, MetricDefinition] = {
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

CATEGORY_UNITS: dict[ProductCategory, str] = {
    ProductCategory.CABLE_WIRE: "KMT",
    ProductCategory.PIPES: "TNE",
    ProductCategory.FITTINGS: "H87",
    ProductCategory.COPPER_POWDER: "TNE",
    ProductCategory.EV_PARTS_CHARGERS: "H87",
    ProductCategory.RENEWABLE_ENERGY: "H87",
    ProductCategory.CHEMICAL_REAGENTS: "TNE",
    ProductCategory.EQUIPMENT_MECHANISMS: "H87",
}

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


def metric_unit(metric: Metric, category: ProductCategory | None) -> str:
    definition = CATALOGUE[metric]
    if definition.by_category:
        assert category is not None
        return CATEGORY_UNITS[category]
    return definition.unit


def convert(quantity: Decimal, unit: str, to: str) -> Decimal | None:
    """``quantity`` in ``unit`` expressed in ``to``; None when they measure different things."""
    source, target = CONVERSIONS.get(unit), CONVERSIONS.get(to)
    if source is None or target is None or source[0] != target[0]:
        return None
    return quantity * source[1] / target[1]
