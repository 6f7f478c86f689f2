"""A supplier's standing: registered pending, verified by an admin, suspended (and verified
again to reinstate it). Only a verified supplier trades."""

from __future__ import annotations

from enum import StrEnum

from clusterkit.errors import DomainError


class SupplierStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    SUSPENDED = "suspended"


# The states each status is reached from: verifying a suspended supplier reinstates it.
MOVES: dict[SupplierStatus, tuple[SupplierStatus, ...]] = {
    SupplierStatus.VERIFIED: (SupplierStatus.PENDING, SupplierStatus.SUSPENDED),
    SupplierStatus.SUSPENDED: (SupplierStatus.PENDING, SupplierStatus.VERIFIED),
}


def ensure_verified(status: str, refusal: type[DomainError], why: str) -> None:
    """``refusal`` (``supplier-not-verified``) of what only a verified supplier does."""
    if status != SupplierStatus.VERIFIED:
        raise refusal(
            f"The supplier is {status}; {why}",
            code="supplier-not-verified",
            status_of_supplier=status,
        )
