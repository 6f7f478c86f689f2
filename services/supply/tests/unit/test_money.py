"""Money: amounts to the cent (halves up), USD at the service's rate, an order's value in
UZS line by line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from supply.domain import cents, uzs_rate
from supply.orders.rules import total_uzs

RATE = Decimal("12650")


@pytest.mark.parametrize(
    ("amount", "charged"),
    [
        ("1.005", "1.01"),
        ("1.004", "1.00"),
        ("2.675", "2.68"),  # exact in Decimal: no binary-float surprise
        ("0.125", "0.13"),
        ("-1.005", "-1.01"),  # halves away from zero
        ("100", "100.00"),
    ],
)
def test_amounts_are_charged_to_the_cent_halves_up(amount: str, charged: str) -> None:
    assert str(cents(Decimal(amount))) == charged


def test_uzs_is_worth_one_and_usd_the_service_s_rate() -> None:
    assert uzs_rate("UZS", RATE) == 1
    assert uzs_rate("USD", RATE) == RATE


def test_an_order_s_value_in_uzs_is_each_line_to_the_cent() -> None:
    lines = [{"amount": Decimal("0.03")}, {"amount": Decimal("0.03")}]
    # 0.03 x 0.5 = 0.015 -> 0.02 per line: 0.04, not cents(0.06 x 0.5) = 0.03.
    assert total_uzs(lines, Decimal("0.5")) == Decimal("0.04")
    assert total_uzs([{"amount": Decimal("105.50")}], RATE) == Decimal("1334575.00")
    assert total_uzs([], RATE) == 0
