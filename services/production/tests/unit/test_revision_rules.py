"""Revision rules: the first revision of a key is submitted, later ones revise it; a
revision moves the deep-processing share when it changes one of its two metrics; a
quantity is stored in its metric's unit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from clusterkit.errors import InvalidFields
from production import events as ev
from production.domain import Metric, ProductCategory
from production.reports.rules import category_value, event_type, moves_share, stored_quantity


def test_the_first_revision_is_submitted_and_the_others_revise_it() -> None:
    assert event_type(1) == ev.REPORT_SUBMITTED
    assert event_type(2) == ev.REPORT_REVISED
    assert event_type(7) == ev.REPORT_REVISED


@pytest.mark.parametrize(
    ("metric", "previous", "quantity", "moves"),
    [
        (Metric.COPPER_PROCESSED, None, Decimal("1"), True),
        (Metric.CATHODE_OUTPUT, Decimal("1.000"), Decimal("2.000"), True),
        (Metric.CATHODE_OUTPUT, Decimal("2.000"), Decimal("2.000"), False),
        (Metric.EXPORT_VALUE, None, Decimal("1"), False),
        (Metric.PRODUCT_OUTPUT, Decimal("1"), Decimal("2"), False),
    ],
)
def test_only_changes_of_processed_copper_or_cathode_move_the_share(
    metric: Metric, previous: Decimal | None, quantity: Decimal, moves: bool
) -> None:
    assert moves_share(metric, previous, quantity) is moves


def test_categories_fit_the_metrics_that_have_them() -> None:
    assert category_value(Metric.EXPORT_VALUE, None) == ""
    assert category_value(Metric.COPPER_PROCESSED, None) == ""
    assert category_value(Metric.COPPER_PROCESSED, ProductCategory.PIPES) == "pipes"
    assert category_value(Metric.PRODUCT_OUTPUT, ProductCategory.FITTINGS) == "fittings"
    for metric, category in (
        (Metric.PRODUCT_OUTPUT, None),
        (Metric.EXPORT_VALUE, ProductCategory.PIPES),
    ):
        with pytest.raises(InvalidFields) as raised:
            category_value(metric, category)
        assert [e["field"] for e in raised.value.errors] == ["product_category"]


def test_quantities_are_stored_in_the_metrics_unit_to_three_places() -> None:
    assert stored_quantity(Metric.COPPER_PROCESSED, None, Decimal("2500000"), "KGM") == (
        Decimal("2500.000"),
        "TNE",
    )
    cable = stored_quantity(
        Metric.PRODUCT_OUTPUT, ProductCategory.CABLE_WIRE, Decimal("1500.0004"), "MTR"
    )
    assert cable == (Decimal("1.500"), "KMT")
    assert stored_quantity(Metric.EXPORT_VALUE, None, Decimal("12.5"), "USD") == (
        Decimal("12.500"),
        "USD",
    )
    with pytest.raises(InvalidFields) as raised:
        stored_quantity(Metric.COPPER_PROCESSED, None, Decimal(1), "H87")
    assert raised.value.errors[0]["message"] == "H87 does not convert to TNE."
