"""Request and answer bodies of the member registry, and the registry's filters."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from clusterkit.sql import like_escaped
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


class RegistryFilters(BaseModel):
    """The query of the public registry: each filter given narrows it."""

    region: Region | None = None
    sector: Sector | None = None
    status: MemberStatus | None = None
    q: str | None = Field(None, min_length=1, max_length=100, description="Part of the legal name")

    def for_query(self) -> dict[str, Any]:
        """The filters as ``queries.REGISTRY`` takes them: a sector, as the sectors that
        contain it; ``q``, as a pattern that matches it anywhere in the name, as written."""
        return {
            "region": self.region,
            "sector": [self.sector] if self.sector else None,
            "status": self.status,
            "name_like": f"%{like_escaped(self.q)}%" if self.q else None,
        }


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
