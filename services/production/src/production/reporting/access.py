"""Who sees reporting deadlines: admins every organisation's, an organisation's key its
own; only admins return reports. The cluster's on-time share is public."""

from __future__ import annotations

from uuid import UUID

from clusterkit.auth import Caller, ensure_role
from clusterkit.errors import Forbidden
from clusterkit.i18n import N_


def organisation_seen(caller: Caller) -> UUID | None:
    """The organisation a caller's status list is narrowed to (None: every one)."""
    ensure_role(caller, "admin", "member")
    if caller.is_admin:
        return None
    if caller.organisation_id is None:
        raise Forbidden(N_("The reporting status is for an organisation's or an admin's key."))
    return UUID(caller.organisation_id)


def organisations_shown(caller: Caller) -> tuple[bool, UUID | None]:
    """Whether the on-time KPI lists organisations, and narrowed to which one."""
    if caller.is_admin:
        return True, None
    if caller.role == "member" and caller.organisation_id is not None:
        return True, UUID(caller.organisation_id)
    return False, None


def ensure_may_return(caller: Caller) -> None:
    ensure_role(caller, "admin")
