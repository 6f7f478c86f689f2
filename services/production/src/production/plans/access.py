"""Who sets plans: admins, or the organisation itself."""

from __future__ import annotations

from uuid import UUID

from clusterkit.auth import Caller
from clusterkit.errors import Forbidden
from clusterkit.i18n import N_
from production.reports.access import acts_for


def ensure_plans_for(caller: Caller, organisation_id: UUID) -> None:
    if not acts_for(caller, organisation_id):
        raise Forbidden(N_("Plans are set by admins or the organisation itself."))
