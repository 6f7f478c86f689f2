"""Units: a metric's unit (per category for product output) and the conversions between
units of one dimension."""

from __future__ import annotations

from decimal import Decimal

from production.domain import (
    METRICS,
    Metric,
    ProductCategory,
    category_problem,
    convert,
    in_metric_unit,
    metric_unit,
)


def test_every_metric_has_a_definition_and_product_output_a_unit_per_category() -> None:
    assert set(METRICS) == set(Metric)
    assert metric_unit(Metric.EXPORT_VALUE, None) == "USD"
    assert metric_unit(Metric.PRODUCT_OUTPUT, ProductCategory.CABLE_WIRE) == "KMT"
    assert metric_unit(Metric.PRODUCT_OUTPUT, ProductCategory.FITTINGS) == "H87"
    assert metric_unit(Metric.COPPER_PROCESSED, ProductCategory.CABLE_WIRE) == "TNE"


def test_units_convert_within_a_dimension_only() -> None:
    assert convert(Decimal(2500), "KGM", "TNE") == Decimal("2.5")
    assert convert(Decimal(2), "TNE", "KGM") == Decimal(2000)
    assert convert(Decimal(1500), "MTR", "KMT") == Decimal("1.5")
    assert convert(Decimal(1), "TNE", "KMT") is None
    assert convert(Decimal(1), "USD", "UZS") is None
    assert convert(Decimal(1), "XYZ", "TNE") is None
    assert in_metric_unit(Metric.CATHODE_OUTPUT, None, Decimal("1.0005"), "TNE") == (
        Decimal("1.000"),
        "TNE",
    )
    assert in_metric_unit(Metric.CATHODE_OUTPUT, None, Decimal(1), "USD") == (None, "TNE")


def test_categories_belong_to_the_metrics_that_have_them() -> None:
    assert category_problem(Metric.PRODUCT_OUTPUT, ProductCategory.PIPES) is None
    assert category_problem(Metric.COPPER_PROCESSED, None) is None
    assert category_problem(Metric.PRODUCT_OUTPUT, None) == (
        "product_output is reported per product category."
    )
    assert category_problem(Metric.EXPORT_VALUE, ProductCategory.PIPES) == (
        "export_value has no product categories."
    )
