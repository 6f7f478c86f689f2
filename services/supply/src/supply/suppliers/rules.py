"""A supplier's standing: registered pending, verified by an admin, suspended and
reinstated. Only a verified supplier trades."""

from __future__ import annotations

from enum import StrEnum

from clusterkit.errors import DomainError
from clusterkit.i18n import N_
from supply.states import ensure_in
from supply.suppliers.events import SUPPLIER_REINSTATED, SUPPLIER_SUSPENDED, SUPPLIER_VERIFIED


class SupplierStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    SUSPENDED = "suspended"


class SupplierAction(StrEnum):
    VERIFY = "verify"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"


# Each step: the status it reaches and the states it is taken from. Verifying a suspended
# supplier reinstates it as well (clients did so before reinstate had a path of its own).
MOVES: dict[SupplierAction, tuple[SupplierStatus, tuple[SupplierStatus, ...]]] = {
    SupplierAction.VERIFY: (
        SupplierStatus.VERIFIED,
        (SupplierStatus.PENDING, SupplierStatus.SUSPENDED),
    ),
    SupplierAction.SUSPEND: (
        SupplierStatus.SUSPENDED,
        (SupplierStatus.PENDING, SupplierStatus.VERIFIED),
    ),
    SupplierAction.REINSTATE: (SupplierStatus.VERIFIED, (SupplierStatus.SUSPENDED,)),
}
# What each step cannot do, said whole (a verb alone does not translate).
CANNOT = {
    SupplierAction.VERIFY: N_("Cannot verify a supplier that is {status}."),
    SupplierAction.SUSPEND: N_("Cannot suspend a supplier that is {status}."),
    SupplierAction.REINSTATE: N_("Cannot reinstate a supplier that is {status}."),
}


def moved_event(previous: str, reached: SupplierStatus) -> str:
    """The event type of a step: what happened, whichever path asked for it (a suspended
    supplier verified again is reinstated)."""
    if reached == SupplierStatus.SUSPENDED:
        return SUPPLIER_SUSPENDED
    return SUPPLIER_REINSTATED if previous == SupplierStatus.SUSPENDED else SUPPLIER_VERIFIED


def ensure_verified(status: str, refusal: type[DomainError], detail: str) -> None:
    """``refusal`` (``supplier-not-verified``) of what only a verified supplier does;
    ``detail``, a msgid, names the supplier's state as ``{status}``."""
    ensure_in(
        status,
        SupplierStatus.VERIFIED,
        detail,
        code="supplier-not-verified",
        refusal=refusal,
        named_as="status_of_supplier",
    )
