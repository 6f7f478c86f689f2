"""The events of an application's life, keyed by the application id."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field

from membership.applications.rules import Action

_TYPE = "uz.coppercluster.membership.application"  # + .<event>.v<n>
APPLICATION_SUBMITTED = f"{_TYPE}.submitted.v1"
APPLICATION_REVIEW_STARTED = f"{_TYPE}.review_started.v1"
APPLICATION_INFO_REQUESTED = f"{_TYPE}.info_requested.v1"
APPLICATION_RESPONDED = f"{_TYPE}.responded.v1"
APPLICATION_APPROVED = f"{_TYPE}.approved.v1"
APPLICATION_REJECTED = f"{_TYPE}.rejected.v1"
APPLICATION_WITHDRAWN = f"{_TYPE}.withdrawn.v1"

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
