"""The events of an application's life, keyed by the application id."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field

from membership.applications.rules import Action

# The event types in full, as consumers match them (``type`` of the CloudEvent).
APPLICATION_SUBMITTED = "uz.coppercluster.membership.application.submitted.v1"
APPLICATION_REVIEW_STARTED = "uz.coppercluster.membership.application.review_started.v1"
APPLICATION_INFO_REQUESTED = "uz.coppercluster.membership.application.info_requested.v1"
APPLICATION_RESPONDED = "uz.coppercluster.membership.application.responded.v1"
APPLICATION_APPROVED = "uz.coppercluster.membership.application.approved.v1"
APPLICATION_REJECTED = "uz.coppercluster.membership.application.rejected.v1"
APPLICATION_WITHDRAWN = "uz.coppercluster.membership.application.withdrawn.v1"

# The event of each step but approval, which says more (ApplicationApproved).
STEP_EVENTS = {
    Action.START_REVIEW: APPLICATION_REVIEW_STARTED,
    Action.REQUEST_INFO: APPLICATION_INFO_REQUESTED,
    Action.RESPOND: APPLICATION_RESPONDED,
    Action.REJECT: APPLICATION_REJECTED,
    Action.WITHDRAW: APPLICATION_WITHDRAWN,
}


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
