"""Deliveries: what each brings per line, never more than ordered counting what came
before; an order is delivered when every line is."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from clusterkit.errors import InvalidFields
from supply.orders.rules import is_complete, received
from supply.orders.schemas import ReceivedLine


def ordered(quantity: str, delivered: str = "0") -> dict[str, Any]:
    return {
        "quantity": Decimal(quantity),
        "delivered_quantity": Decimal(delivered),
        "unit": "TNE",
    }


def delivery(*lines: tuple[int, str]) -> list[ReceivedLine]:
    return [ReceivedLine(line_no=no, quantity=Decimal(quantity)) for no, quantity in lines]


def test_a_delivery_adds_up_per_line_up_to_what_was_ordered() -> None:
    lines = {1: ordered("400.000", "150.000"), 2: ordered("120.000")}
    took = received(lines, delivery((1, "200"), (2, "20"), (1, "50")))
    assert took == {1: Decimal("250"), 2: Decimal("20")}


def test_more_than_ordered_or_an_unknown_line_is_refused() -> None:
    lines = {1: ordered("400.000", "150.000")}
    with pytest.raises(InvalidFields) as refused:
        received(lines, delivery((1, "200"), (1, "51"), (3, "1")))
    assert [(e["field"], e["message"]) for e in refused.value.errors] == [
        ("lines.1.quantity", "more than ordered (400.000 TNE)"),
        ("lines.2.line_no", "no such line in the order"),
    ]


def test_an_order_is_delivered_when_every_line_is() -> None:
    assert is_complete([ordered("400", "400.000"), ordered("120.000", "120")])
    assert not is_complete([ordered("400", "400"), ordered("120", "119.999")])
    assert not is_complete([ordered("400", "0")])
