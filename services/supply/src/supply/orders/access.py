"""Who sees an order and who moves it: its member and its supplier see it (admins and
procurement too); the supplier confirms and ships, the member (or an admin) records
deliveries, and any party but procurement cancels before shipping."""

from __future__ import annotations

from typing import Any

from clusterkit.auth import Caller
from clusterkit.errors import Forbidden
from supply.orders.rules import MAY_NOT, TRANSITIONS, OrderAction
from supply.parties import viewer


def visibility(caller: Caller) -> dict[str, Any]:
    """The filters of the orders ``caller`` is party to (all for admin, procurement)."""
    return viewer(caller).filters()


def ensure_may(caller: Caller, action: OrderAction) -> None:
    if caller.role not in TRANSITIONS[action][0]:
        raise Forbidden(MAY_NOT[action], params={"role": caller.role})
