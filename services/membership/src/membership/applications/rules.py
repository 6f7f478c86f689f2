"""The application state machine and the decisions of a review, without I/O.

Each review step is one endpoint, one audit line and one event; who may take it and from
which states is :data:`STEPS`. Everything not in it is a 409 naming the current state.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from clusterkit.errors import Conflict
from clusterkit.i18n import N_


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    INFO_REQUESTED = "info_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


# Until a decision or a withdrawal: one open application per STIR.
OPEN_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.INFO_REQUESTED,
)


class Actor(StrEnum):
    ADMIN = "admin"
    APPLICANT = "applicant"


class Action(StrEnum):
    """An explicit step of the review; each is one endpoint and one event."""

    START_REVIEW = "start-review"
    REQUEST_INFO = "request-info"
    RESPOND = "respond"
    APPROVE = "approve"
    REJECT = "reject"
    WITHDRAW = "withdraw"


# What each step cannot do, said whole (a verb alone does not translate).
CANNOT = {
    Action.START_REVIEW: N_("Cannot start review an application that is {status}."),
    Action.REQUEST_INFO: N_("Cannot request info an application that is {status}."),
    Action.RESPOND: N_("Cannot respond an application that is {status}."),
    Action.APPROVE: N_("Cannot approve an application that is {status}."),
    Action.REJECT: N_("Cannot reject an application that is {status}."),
    Action.WITHDRAW: N_("Cannot withdraw an application that is {status}."),
}

SUBMIT = "submit"  # the audit trail's first line: no step, the application's start


@dataclass(frozen=True)
class Step:
    actor: Actor  # who may take it
    allowed_from: tuple[ApplicationStatus, ...]
    leads_to: ApplicationStatus


S = ApplicationStatus
STEPS: dict[Action, Step] = {
    Action.START_REVIEW: Step(Actor.ADMIN, (S.SUBMITTED,), S.UNDER_REVIEW),
    Action.REQUEST_INFO: Step(Actor.ADMIN, (S.UNDER_REVIEW,), S.INFO_REQUESTED),
    Action.RESPOND: Step(Actor.APPLICANT, (S.INFO_REQUESTED,), S.UNDER_REVIEW),
    Action.APPROVE: Step(Actor.ADMIN, (S.UNDER_REVIEW,), S.APPROVED),
    Action.REJECT: Step(Actor.ADMIN, (S.UNDER_REVIEW,), S.REJECTED),
    Action.WITHDRAW: Step(Actor.APPLICANT, OPEN_STATUSES, S.WITHDRAWN),
}


def next_status(action: Action, current: str) -> ApplicationStatus:
    """The state ``action`` leads to from ``current``; a 409 naming ``current`` if it may
    not be taken from there."""
    step = STEPS[action]
    if current not in step.allowed_from:
        raise Conflict(
            CANNOT[action],
            code="illegal-transition",
            params={"status": current},
            current_status=current,
            allowed_from=[status.value for status in step.allowed_from],
        )
    return step.leads_to


TONNE_PRECISION = Decimal("0.001")  # numeric(14, 3): events carry what the row holds


def granted_quota(requested: Decimal, granted: Decimal | None) -> Decimal:
    """The cathode quota an approval grants: what the reviewer set, else what was asked."""
    return (requested if granted is None else granted).quantize(TONNE_PRECISION)


class DuplicateStir(Conflict):
    """The STIR is taken, by an open application or a current member: its id, for the
    answer to point at."""

    code = "duplicate-stir"

    def __init__(
        self,
        detail: str,
        *,
        application_id: UUID | None = None,
        member_id: UUID | None = None,
        stir: str | None = None,
    ):
        super().__init__(detail, params={"stir": stir})
        self.application_id = application_id
        self.member_id = member_id


def duplicate_stir(
    stir: str, *, application_id: UUID | None, member_id: UUID | None
) -> DuplicateStir:
    """Why ``stir`` cannot apply (or be admitted), given what holds it: an open application
    first, else a current member. Neither: the one that held it a moment ago let it go
    (withdrawn, rejected, expelled) since; the client may send the request again."""
    if application_id is not None:
        return DuplicateStir(
            N_("An application for STIR {stir} is already open."),
            application_id=application_id,
            stir=stir,
        )
    if member_id is not None:
        return DuplicateStir(
            N_("STIR {stir} is already a cluster member."), member_id=member_id, stir=stir
        )
    return DuplicateStir(N_("A conflicting application was just submitted."))
