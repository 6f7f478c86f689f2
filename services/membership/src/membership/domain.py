"""The cluster's own vocabulary for membership (decree PP-5159; ISO 3166-2:UZ), and the
application state machine."""

from enum import StrEnum

from clusterkit.codes import Region as Region  # membership speaks in the shared regions


class Sector(StrEnum):
    """The cluster's priority areas."""

    CABLE_WIRE = "cable_wire"
    PIPES = "pipes"
    FITTINGS = "fittings"
    COPPER_POWDER = "copper_powder"
    EV_PARTS_CHARGERS = "ev_parts_chargers"
    RENEWABLE_ENERGY = "renewable_energy"
    CHEMICAL_REAGENTS = "chemical_reagents"
    EQUIPMENT_MECHANISMS = "equipment_mechanisms"
    TRAINING = "training"


class Unit(StrEnum):
    """UN/ECE Recommendation 20 codes used in the cluster."""

    TNE = "TNE"
    KGM = "KGM"
    KMT = "KMT"
    MTR = "MTR"
    H87 = "H87"


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    INFO_REQUESTED = "info_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


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


S = ApplicationStatus
# action: (who may do it, the states it starts from, the state it leads to, reason required)
TRANSITIONS: dict[Action, tuple[Actor, tuple[ApplicationStatus, ...], ApplicationStatus, bool]] = {
    Action.START_REVIEW: (Actor.ADMIN, (S.SUBMITTED,), S.UNDER_REVIEW, False),
    Action.REQUEST_INFO: (Actor.ADMIN, (S.UNDER_REVIEW,), S.INFO_REQUESTED, True),
    Action.RESPOND: (Actor.APPLICANT, (S.INFO_REQUESTED,), S.UNDER_REVIEW, True),
    Action.APPROVE: (Actor.ADMIN, (S.UNDER_REVIEW,), S.APPROVED, False),
    Action.REJECT: (Actor.ADMIN, (S.UNDER_REVIEW,), S.REJECTED, True),
    Action.WITHDRAW: (Actor.APPLICANT, OPEN_STATUSES, S.WITHDRAWN, False),
}


class MemberStatus(StrEnum):
    """Effective status, computed from stored dates (a lapsed suspension is over by itself)."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    EXPELLED = "expelled"
