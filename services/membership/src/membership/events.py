"""Events the membership service publishes to ``membership.events``."""

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from clusterkit.events import CloudEvent

SOURCE = "/coppercluster/membership"
APPLICATION_SUBMITTED = "uz.coppercluster.membership.application.submitted.v1"


class ApplicationSubmitted(BaseModel):
    """A company applied to join the cluster."""

    application_id: UUID
    legal_name: str
    stir: str
    region: str
    sectors: list[str]
    requested_cathode_tpy: Decimal
    submitted_at: datetime


def application_submitted(payload: ApplicationSubmitted) -> CloudEvent:
    return CloudEvent(
        type=APPLICATION_SUBMITTED,
        source=SOURCE,
        subject=str(payload.application_id),
        data=payload.model_dump(mode="json"),
    )
