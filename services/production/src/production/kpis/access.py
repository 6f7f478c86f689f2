"""Who sees which KPIs: the cluster's are public; one organisation's are for admins and the
organisation itself (as its figures are); the breakdown by member is for admins."""

from __future__ import annotations

from uuid import UUID

from clusterkit.auth import Caller
from production.reports.access import ensure_sees


def ensure_sees_scope(caller: Caller, organisation_id: UUID | None) -> None:
    if organisation_id is not None:
        ensure_sees(caller, organisation_id)


def sees_members(caller: Caller) -> bool:
    return caller.is_admin
