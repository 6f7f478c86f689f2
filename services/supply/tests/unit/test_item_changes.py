"""A change to a catalogue item: the fields sent, none null, the price as amount and
currency; only what differs changes; only a listed item changes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from clusterkit.errors import Conflict, InvalidFields
from supply.items.rules import changed, ensure_listed, requested_changes
from supply.items.schemas import ItemChange


def test_the_fields_sent_are_the_changes_and_the_price_is_amount_and_currency() -> None:
    sent = ItemChange.model_validate(
        {"unit_price": {"amount": "1390000", "currency": "UZS"}, "lead_time_days": 7}
    ).model_dump(exclude_unset=True)
    assert requested_changes(sent) == {
        "unit_price": Decimal("1390000"),
        "currency": "UZS",
        "lead_time_days": 7,
    }
    with pytest.raises(InvalidFields) as refused:
        requested_changes({"name": None, "lead_time_days": 7})
    assert [e["field"] for e in refused.value.errors] == ["name"]


def test_only_what_differs_changes() -> None:
    item = {"unit_price": Decimal("1450000.00"), "currency": "UZS", "certifications": ["A"]}
    assert changed(item, {"unit_price": Decimal("1450000"), "currency": "UZS"}) == {}
    assert changed(item, {"certifications": ["A", "B"]}) == {"certifications": ["A", "B"]}


def test_only_a_listed_item_changes() -> None:
    ensure_listed("listed", "x")
    with pytest.raises(Conflict) as refused:
        ensure_listed("delisted", "A delisted item does not change.")
    assert refused.value.details == {"current_status": "delisted"}
