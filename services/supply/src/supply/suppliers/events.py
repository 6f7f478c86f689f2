"""A supplier's lifecycle events: registered (pending), verified, suspended and reinstated,
each carrying the supplier as it now stands, so a procurement tool keeps its list of local
suppliers without calling back."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from pydantic import BaseModel, Field

SUPPLIER_REGISTERED = "uz.coppercluster.supply.supplier.registered.v1"
SUPPLIER_VERIFIED = "uz.coppercluster.supply.supplier.verified.v1"
SUPPLIER_SUSPENDED = "uz.coppercluster.supply.supplier.suspended.v1"
SUPPLIER_REINSTATED = "uz.coppercluster.supply.supplier.reinstated.v1"


class SupplierChanged(BaseModel):
    """The supplier after the step its type names. ``reason`` is the admin's (null where
    none was given); ``previous_status`` null on registration."""

    supplier_id: UUID
    legal_name: str
    stir: str = Field(description="Tax id (STIR), 9 digits")
    region: str = Field(description="ISO 3166-2:UZ")
    categories: list[str]
    is_local: bool = Field(description="Registered and producing in Uzbekistan")
    member_id: UUID | None = Field(description="The cluster member it also is, if any")
    status: str
    previous_status: str | None
    reason: str | None
    occurred_at: datetime


_EXAMPLE = SupplierChanged(
    supplier_id=UUID("9e4a5b6c-7d8e-4f9a-8b1c-2d3e4f5a6b55"),
    legal_name="Navoiyazot JSC",
    stir="200994837",
    region="UZ-NW",
    categories=["reagent"],
    is_local=True,
    member_id=None,
    status="pending",
    previous_status=None,
    reason=None,
    occurred_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
)
# Each lifecycle type: its summary and an example (registered in supply.events).
SUPPLIER_LIFECYCLE = {
    SUPPLIER_REGISTERED: (
        "An admin registered a supplier; it is pending until verified.",
        _EXAMPLE,
    ),
    SUPPLIER_VERIFIED: (
        "An admin verified a supplier: it lists items and makes offers.",
        _EXAMPLE.model_copy(update={"status": "verified", "previous_status": "pending"}),
    ),
    SUPPLIER_SUSPENDED: (
        "An admin suspended a supplier, with the reason: it no longer offers, and its offers "
        "cannot be accepted.",
        _EXAMPLE.model_copy(
            update={
                "status": "suspended",
                "previous_status": "verified",
                "reason": "Certificate of conformity expired.",
            }
        ),
    ),
    SUPPLIER_REINSTATED: (
        "An admin reinstated a suspended supplier: it is verified again.",
        _EXAMPLE.model_copy(update={"status": "verified", "previous_status": "suspended"}),
    ),
}
