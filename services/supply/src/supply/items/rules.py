"""What a change to a catalogue item is: only listed items change, only the fields sent
(none of them null), and only those whose value differs; a price is its own event."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from clusterkit.errors import InvalidFields
from clusterkit.i18n import N_
from supply.states import ensure_in


class ItemStatus(StrEnum):
    LISTED = "listed"
    DELISTED = "delisted"


# The columns a new price changes: their change is ``price_changed``, the rest ``updated``.
PRICE = frozenset({"unit_price", "currency"})


def requested_changes(sent: Mapping[str, Any]) -> dict[str, Any]:
    """The fields a PATCH sent, as columns (the price as ``unit_price`` and ``currency``)."""
    if nulls := [name for name, value in sent.items() if value is None]:
        raise InvalidFields(*((name, N_("cannot be null")) for name in nulls))
    changes = dict(sent)
    if (price := changes.pop("unit_price", None)) is not None:
        changes |= {"unit_price": price["amount"], "currency": price["currency"]}
    return changes


def ensure_listed(status: str, detail: str) -> None:
    ensure_in(status, ItemStatus.LISTED, detail, code="illegal-transition")


def changed(item: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The changes that differ from the item as it is."""
    return {name: value for name, value in changes.items() if item[name] != value}
