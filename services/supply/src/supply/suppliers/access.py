"""Who may see a supplier and whom a key trades for: admins see every supplier, everybody
else verified ones (and a supplier its own); a supplier key acts for its own supplier, an
admin for the one it names."""

from __future__ import annotations

import uuid

from clusterkit.auth import Caller, ensure_role
from clusterkit.errors import Forbidden, InvalidFields
from clusterkit.i18n import N_
from supply.parties import organisation
from supply.suppliers.rules import SupplierStatus, ensure_verified


def acting_for(caller: Caller, named: uuid.UUID | None = None) -> uuid.UUID:
    """The supplier the caller acts for (``named``: the one the request names, if any)."""
    ensure_role(caller, "supplier", "admin")
    if caller.role == "supplier":
        own = organisation(caller)
        if own is None or (named is not None and named != own):
            raise Forbidden(N_("A supplier key acts only for its own supplier."))
        return own
    if named is None:
        raise InvalidFields(("supplier_id", N_("an admin names the supplier")))
    return named


def ensure_trades(status: str) -> None:
    """Only a verified supplier lists, changes and offers."""
    ensure_verified(
        status, Forbidden, N_("The supplier is {status}; only verified suppliers trade.")
    )


def listed_status(caller: Caller, asked: SupplierStatus | None) -> SupplierStatus | None:
    """The status a list of suppliers is filtered to: admins choose (None: all)."""
    return asked if caller.is_admin else SupplierStatus.VERIFIED


def may_see(caller: Caller, supplier_id: uuid.UUID, status: str) -> bool:
    own = caller.role == "supplier" and organisation(caller) == supplier_id
    return status == SupplierStatus.VERIFIED or caller.is_admin or own
