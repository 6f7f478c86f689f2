"""Only an active cluster member asks for supplies and accepts offers: a member key, for a
member supply knows and counts active right now."""

from __future__ import annotations

import uuid

from clusterkit.auth import Caller
from clusterkit.errors import Forbidden
from clusterkit.i18n import N_
from clusterkit.member_projection import ACTIVE
from clusterkit.sql import Row
from supply.parties import organisation


def member_of(caller: Caller) -> uuid.UUID:
    member_id = organisation(caller)
    if caller.role != "member" or member_id is None:
        raise Forbidden(N_("Only a cluster member's key does this."))
    return member_id


def ensure_active(member: Row | None) -> Row:
    """``member`` as :data:`supply.members.queries.STANDING` read it, if it is active."""
    state = member["effective_status"] if member is not None else "unknown"
    if member is None or state != ACTIVE:
        raise Forbidden(
            N_(
                "Only active cluster members request supplies and accept offers "
                "(this member is not known to supply yet)."
            )
            if member is None
            else N_("Only active cluster members request supplies and accept offers."),
            code="member-not-active",
            status_of_member=state,
        )
    return member
