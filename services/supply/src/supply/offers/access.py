"""Who sees and decides an offer: its supplier and the requesting member see it (admins and
procurement too); within a request a supplier sees its own offers only. The supplier
withdraws its offer, the requesting member accepts one."""

from __future__ import annotations

import uuid
from typing import Any

from clusterkit.auth import Caller
from clusterkit.errors import Forbidden
from clusterkit.i18n import N_
from clusterkit.sql import Row
from supply.parties import viewer


def visibility(caller: Caller) -> dict[str, Any]:
    """The filters of a request's offers ``caller`` sees (the request itself it may see)."""
    return {"viewer_supplier": viewer(caller).supplier_id} if caller.role == "supplier" else {}


def may_read(caller: Caller, *, supplier_id: uuid.UUID, member_id: uuid.UUID) -> bool:
    """``supplier_id`` made the offer, ``member_id`` made the request it is on."""
    seen_by = viewer(caller)
    return (
        seen_by.everything
        or (seen_by.supplier_id is not None and seen_by.supplier_id == supplier_id)
        or (seen_by.member_id is not None and seen_by.member_id == member_id)
    )


def ensure_reads(caller: Caller, *, supplier_id: uuid.UUID, member_id: uuid.UUID) -> None:
    if not may_read(caller, supplier_id=supplier_id, member_id=member_id):
        raise Forbidden(
            N_("Only the supplier that made an offer and the requesting member see it.")
        )


def ensure_quotes(caller: Caller) -> None:
    if caller.role != "supplier":
        raise Forbidden(N_("Offers are made with a supplier's key."))


def ensure_withdraws(caller: Caller) -> None:
    if caller.role != "supplier":
        raise Forbidden(N_("Only the supplier that made an offer withdraws it."))


def ensure_accepts(member: Row, request: Row) -> None:
    """``member``: the active member accepting; ``request``: the offer's request."""
    if request["member_id"] != member["id"]:
        raise Forbidden(N_("Only the requesting member accepts an offer."))
