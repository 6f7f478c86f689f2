"""A supplier's standing: registered pending, verified by an admin, suspended (and verified
again to reinstate it). Only a verified supplier trades."""

from __future__ import annotations

from enum import StrEnum


class SupplierStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    SUSPENDED = "suspended"


# The states each status is reached from: verifying a suspended supplier reinstates it.
MOVES: dict[SupplierStatus, tuple[SupplierStatus, ...]] = {
    SupplierStatus.VERIFIED: (SupplierStatus.PENDING, SupplierStatus.SUSPENDED),
    SupplierStatus.SUSPENDED: (SupplierStatus.PENDING, SupplierStatus.VERIFIED),
}
