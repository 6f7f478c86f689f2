"""Who sees a request and who cancels it. A member sees its own requests; a verified
supplier sees the open ones in its categories and those it quoted on; admins and
procurement see all (the SQL of it: :func:`supply.requests.queries.visible`). Only the
requesting member or an admin cancels one."""

from __future__ import annotations

from typing import Any

from clusterkit.auth import Caller, ensure_role
from supply.parties import viewer


def visibility(caller: Caller) -> dict[str, Any]:
    """The filters of the requests ``caller`` may know of."""
    return viewer(caller).filters()


def canceller(caller: Caller) -> str:
    """Who cancels, as ``request.cancelled`` names it."""
    ensure_role(caller, "member", "admin")
    return "admin" if caller.is_admin else "member"
