"""The events of a member's life, keyed by the member id."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field

# The event types in full, as consumers match them (``type`` of the CloudEvent).
MEMBER_ADMITTED = "uz.coppercluster.membership.member.admitted.v1"
MEMBER_UPDATED = "uz.coppercluster.membership.member.updated.v1"
MEMBER_SUSPENDED = "uz.coppercluster.membership.member.suspended.v1"
MEMBER_REINSTATED = "uz.coppercluster.membership.member.reinstated.v1"
MEMBER_EXPELLED = "uz.coppercluster.membership.member.expelled.v1"
MEMBER_QUOTA_CHANGED = "uz.coppercluster.membership.member.quota_changed.v1"


class MemberAdmitted(BaseModel):
    """A new cluster member (public fields and its cathode quota)."""

    member_id: UUID
    application_id: UUID
    legal_name: str
    stir: str = Field(pattern=r"^\d{9}$")
    region: str
    sectors: list[str]
    cathode_quota_tpy: Decimal
    status: str = "active"
    admitted_at: datetime


class MemberUpdated(BaseModel):
    """A member's registry data changed; ``changed`` names the fields."""

    member_id: UUID
    legal_name: str
    region: str
    sectors: list[str]
    changed: list[str]
    version: int
    occurred_at: datetime


class MemberSuspended(BaseModel):
    """Suspended, until ``until`` if given (then active again without another event)."""

    member_id: UUID
    status: str = "suspended"
    reason: str
    until: datetime | None = None
    occurred_at: datetime


class MemberReinstated(BaseModel):
    member_id: UUID
    status: str = "active"
    occurred_at: datetime


class MemberExpelled(BaseModel):
    """Final: an expelled member does not come back."""

    member_id: UUID
    status: str = "expelled"
    reason: str
    occurred_at: datetime


class MemberQuotaChanged(BaseModel):
    member_id: UUID
    cathode_quota_tpy: Decimal
    previous_cathode_quota_tpy: Decimal
    occurred_at: datetime
