"""Anyone searches the catalogue; an item is kept (changed, delisted) by its verified
supplier, or by an admin for it."""

from __future__ import annotations

from clusterkit.auth import Caller
from clusterkit.sql import Row
from supply.suppliers.access import acting_for, ensure_trades


def ensure_keeps(caller: Caller, item: Row) -> None:
    """``item`` as :data:`supply.items.queries.KEPT_ITEM` read it (with its supplier)."""
    acting_for(caller, item["supplier_id"])
    ensure_trades(item["supplier_status"])
