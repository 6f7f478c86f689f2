"""Request and answer bodies of the member registry."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from membership.domain import Region, Sector
from membership.members.rules import MemberStatus
from membership.schemas import Contact, PlannedProduct, Reason, Sectors, Strict, Tonnes


class Member(BaseModel):
    """A registry entry. ``contact``, ``planned_products``, ``cathode_quota_tpy`` and the
    suspension details are only shown to admins and to the member itself."""

    id: UUID
    legal_name: str
    stir: str
    region: Region
    sectors: list[Sector]
    status: MemberStatus
    admitted_at: datetime
    contact: Contact | None = None
    planned_products: list[PlannedProduct] | None = None
    cathode_quota_tpy: Decimal | None = None
    suspended_until: datetime | None = None
    suspension_reason: str | None = None
    version: int | None = None


class MemberPatch(Strict):
    """Admins may change any field; a member only its own contact and planned products."""

    legal_name: str | None = Field(None, min_length=2, max_length=300)
    region: Region | None = None
    sectors: Sectors | None = None
    contact: Contact | None = None
    planned_products: list[PlannedProduct] | None = Field(None, max_length=100)
    cathode_quota_tpy: Tonnes | None = None

    def changes(self) -> dict[str, Any]:
        """The fields sent, as the columns take them: JSON for the JSONB ones, the quota a
        decimal (compared with the stored one)."""
        changes = self.model_dump(mode="json", exclude_unset=True)
        if "cathode_quota_tpy" in changes:
            changes["cathode_quota_tpy"] = self.cathode_quota_tpy
        return changes


class Suspension(Strict):
    reason: Reason
    until: datetime | None = Field(None, description="The suspension ends by itself then.")
