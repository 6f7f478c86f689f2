"""Plan spreading: an annual target as twelve monthly ones that add up to it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from production.plans.rules import monthly_targets, spread


@pytest.mark.parametrize("annual", ["120000", "100", "0", "0.011", "99999.999"])
def test_the_months_add_up_to_the_year_and_december_takes_the_remainder(annual: str) -> None:
    months = spread(Decimal(annual))
    assert len(months) == 12
    assert sum(months, Decimal(0)) == Decimal(annual)
    assert len(set(months[:11])) == 1
    assert abs(months[11] - months[0]) < Decimal("0.012")


def test_an_even_year_is_even() -> None:
    assert spread(Decimal("120000")) == [Decimal("10000.000")] * 12


def test_monthly_targets_are_stored_to_the_kilogram() -> None:
    given = [Decimal("1.23456")] * 12
    assert monthly_targets(given, None) == [Decimal("1.235")] * 12
    assert monthly_targets(None, Decimal("100")) == [Decimal("8.333")] * 11 + [Decimal("8.337")]
