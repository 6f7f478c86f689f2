"""Events the membership service publishes to ``membership.events`` (its contracts).

Key = application id for ``application.*`` events and member id for ``member.*`` events.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field

from clusterkit.contracts import EventContract, EventContracts

PREFIX = "uz.coppercluster.membership"
APPLICATION_SUBMITTED = f"{PREFIX}.application.submitted.v1"
APPLICATION_REVIEW_STARTED = f"{PREFIX}.application.review_started.v1"
APPLICATION_INFO_REQUESTED = f"{PREFIX}.application.info_requested.v1"
APPLICATION_RESPONDED = f"{PREFIX}.application.responded.v1"
APPLICATION_APPROVED = f"{PREFIX}.application.approved.v1"
APPLICATION_REJECTED = f"{PREFIX}.application.rejected.v1"
APPLICATION_WITHDRAWN = f"{PREFIX}.application.withdrawn.v1"
MEMBER_ADMITTED = f"{PREFIX}.member.admitted.v1"
MEMBER_UPDATED = f"{PREFIX}.member.updated.v1"
MEMBER_SUSPENDED = f"{PREFIX}.member.suspended.v1"
MEMBER_REINSTATED = f"{PREFIX}.member.reinstated.v1"
MEMBER_EXPELLED = f"{PREFIX}.member.expelled.v1"
MEMBER_QUOTA_CHANGED = f"{PREFIX}.member.quota_changed.v1"


class ApplicationSubmitted(BaseModel):
    """A company applied to join the cluster."""

    application_id: UUID
    legal_name: str
    stir: str = Field(pattern=r"^\d{9}$")
    region: str
    sectors: list[str]
    requested_cathode_tpy: Decimal
    submitted_at: datetime


class ApplicationTransitioned(BaseModel):
    """An application moved to ``status`` (review started, info requested, responded,
    rejected, withdrawn)."""

    application_id: UUID
    status: str
    previous_status: str
    reason: str | None = None
    occurred_at: datetime


class ApplicationApproved(BaseModel):
    """The Cluster Development Service admitted the applicant; ``member_id`` is the new member."""

    application_id: UUID
    member_id: UUID
    status: str = "approved"
    previous_status: str
    cathode_quota_tpy: Decimal
    reason: str | None = None
    occurred_at: datetime


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


_APP = UUID("0b6f3c52-5d1e-4c4e-9a39-2f1f6d7f1a01")
_MEMBER = UUID("7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f")
_AT = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


def _moved(status: str, previous: str, reason: str | None = None) -> ApplicationTransitioned:
    return ApplicationTransitioned(
        application_id=_APP, status=status, previous_status=previous, reason=reason, occurred_at=_AT
    )


contracts = EventContracts(
    service="membership",
    source="/coppercluster/membership",
    topic="membership.events",
    description="Applications to join the Copper Industry Cluster and the member registry.",
    contracts=[
        EventContract(
            APPLICATION_SUBMITTED,
            ApplicationSubmitted,
            "A company applied to join the cluster.",
            ApplicationSubmitted(
                application_id=_APP,
                legal_name="Olmaliq Kabel Zavodi LLC",
                stir="305112233",
                region="UZ-TO",
                sectors=["cable_wire"],
                requested_cathode_tpy=Decimal("14000.000"),
                submitted_at=_AT,
            ),
            "application_id",
        ),
        EventContract(
            APPLICATION_REVIEW_STARTED,
            ApplicationTransitioned,
            "The review of an application started.",
            _moved("under_review", "submitted"),
            "application_id",
        ),
        EventContract(
            APPLICATION_INFO_REQUESTED,
            ApplicationTransitioned,
            "The reviewer asked the applicant for more information.",
            _moved("info_requested", "under_review", "Send the plant's layout."),
            "application_id",
        ),
        EventContract(
            APPLICATION_RESPONDED,
            ApplicationTransitioned,
            "The applicant answered an information request.",
            _moved("under_review", "info_requested"),
            "application_id",
        ),
        EventContract(
            APPLICATION_APPROVED,
            ApplicationApproved,
            "The application was approved and a member admitted.",
            ApplicationApproved(
                application_id=_APP,
                member_id=_MEMBER,
                previous_status="under_review",
                cathode_quota_tpy=Decimal("12000.000"),
                occurred_at=_AT,
            ),
            "application_id",
        ),
        EventContract(
            APPLICATION_REJECTED,
            ApplicationTransitioned,
            "The application was rejected.",
            _moved("rejected", "under_review", "No processing capacity."),
            "application_id",
        ),
        EventContract(
            APPLICATION_WITHDRAWN,
            ApplicationTransitioned,
            "The applicant withdrew the application.",
            _moved("withdrawn", "submitted"),
            "application_id",
        ),
        EventContract(
            MEMBER_ADMITTED,
            MemberAdmitted,
            "A new member joined the cluster.",
            MemberAdmitted(
                member_id=_MEMBER,
                application_id=_APP,
                legal_name="Olmaliq Kabel Zavodi LLC",
                stir="305112233",
                region="UZ-TO",
                sectors=["cable_wire"],
                cathode_quota_tpy=Decimal("12000.000"),
                admitted_at=_AT,
            ),
            "member_id",
        ),
        EventContract(
            MEMBER_UPDATED,
            MemberUpdated,
            "A member's registry data changed.",
            MemberUpdated(
                member_id=_MEMBER,
                legal_name="Olmaliq Kabel Zavodi LLC",
                region="UZ-TO",
                sectors=["cable_wire", "fittings"],
                changed=["sectors"],
                version=2,
                occurred_at=_AT,
            ),
            "member_id",
        ),
        EventContract(
            MEMBER_SUSPENDED,
            MemberSuspended,
            "A member was suspended.",
            MemberSuspended(
                member_id=_MEMBER,
                reason="Reports overdue.",
                until=datetime(2026, 3, 1, tzinfo=UTC),
                occurred_at=_AT,
            ),
            "member_id",
        ),
        EventContract(
            MEMBER_REINSTATED,
            MemberReinstated,
            "A suspension was lifted.",
            MemberReinstated(member_id=_MEMBER, occurred_at=_AT),
            "member_id",
        ),
        EventContract(
            MEMBER_EXPELLED,
            MemberExpelled,
            "A member was expelled (final).",
            MemberExpelled(member_id=_MEMBER, reason="Left the cluster.", occurred_at=_AT),
            "member_id",
        ),
        EventContract(
            MEMBER_QUOTA_CHANGED,
            MemberQuotaChanged,
            "A member's cathode copper quota changed.",
            MemberQuotaChanged(
                member_id=_MEMBER,
                cathode_quota_tpy=Decimal("15000.000"),
                previous_cathode_quota_tpy=Decimal("12000.000"),
                occurred_at=_AT,
            ),
            "member_id",
        ),
    ],
)
