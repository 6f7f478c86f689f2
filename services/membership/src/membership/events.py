"""The events membership publishes to ``membership.events``: its contracts, assembled from
the features' event models.

Key = application id for ``application.*`` events and member id for ``member.*`` events.
The type constants and models are importable from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from clusterkit.contracts import EventContract, EventContracts
from membership.applications.events import (
    APPLICATION_APPROVED,
    APPLICATION_INFO_REQUESTED,
    APPLICATION_REJECTED,
    APPLICATION_RESPONDED,
    APPLICATION_REVIEW_STARTED,
    APPLICATION_SUBMITTED,
    APPLICATION_WITHDRAWN,
    ApplicationApproved,
    ApplicationSubmitted,
    ApplicationTransitioned,
)
from membership.members.events import (
    MEMBER_ADMITTED,
    MEMBER_EXPELLED,
    MEMBER_QUOTA_CHANGED,
    MEMBER_REINSTATED,
    MEMBER_SUSPENDED,
    MEMBER_UPDATED,
    MemberAdmitted,
    MemberExpelled,
    MemberQuotaChanged,
    MemberReinstated,
    MemberSuspended,
    MemberUpdated,
)
from membership.tables import TOPIC

__all__ = [
    "APPLICATION_APPROVED",
    "APPLICATION_INFO_REQUESTED",
    "APPLICATION_REJECTED",
    "APPLICATION_RESPONDED",
    "APPLICATION_REVIEW_STARTED",
    "APPLICATION_SUBMITTED",
    "APPLICATION_WITHDRAWN",
    "MEMBER_ADMITTED",
    "MEMBER_EXPELLED",
    "MEMBER_QUOTA_CHANGED",
    "MEMBER_REINSTATED",
    "MEMBER_SUSPENDED",
    "MEMBER_UPDATED",
    "ApplicationApproved",
    "ApplicationSubmitted",
    "ApplicationTransitioned",
    "MemberAdmitted",
    "MemberExpelled",
    "MemberQuotaChanged",
    "MemberReinstated",
    "MemberSuspended",
    "MemberUpdated",
    "contracts",
    "fields_from",
]


def fields_from(row: Mapping[str, Any], event: type[BaseModel]) -> dict[str, Any]:
    """The fields of ``event`` that ``row`` holds, by name: a row and its event name what
    they share alike, all but the row's ``id`` (``application_id``, ``member_id``)."""
    return {field: row[field] for field in event.model_fields if field in row}


_APP = UUID("0b6f3c52-5d1e-4c4e-9a39-2f1f6d7f1a01")
_MEMBER = UUID("7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f")
_AT = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
# The examples' company, as it applies and as it is admitted.
_COMPANY: dict[str, Any] = {
    "legal_name": "Olmaliq Kabel Zavodi LLC",
    "stir": "305112233",
    "region": "UZ-TO",
    "sectors": ["cable_wire"],
}


def _moved(status: str, previous: str, reason: str | None = None) -> ApplicationTransitioned:
    return ApplicationTransitioned(
        application_id=_APP, status=status, previous_status=previous, reason=reason, occurred_at=_AT
    )


contracts = EventContracts(
    service="membership",
    source="/coppercluster/membership",
    topic=TOPIC,
    description="Applications to join the Copper Industry Cluster and the member registry.",
    contracts=[
        EventContract(
            APPLICATION_SUBMITTED,
            ApplicationSubmitted,
            "A company applied to join the cluster.",
            ApplicationSubmitted(
                application_id=_APP,
                **_COMPANY,
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
                **_COMPANY,
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
