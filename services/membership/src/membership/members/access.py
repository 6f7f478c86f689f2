"""Who sees and changes what in the registry.

Everyone reads the public entry; an admin and the member itself (its organisation) also
see the private details. Admins change any field and take the upkeep steps (those routes
require the admin role); a member changes only its own contact and planned products.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

from clusterkit.auth import Caller
from clusterkit.errors import Forbidden
from clusterkit.i18n import N_

PUBLIC_FIELDS = ("id", "legal_name", "stir", "region", "sectors", "status", "admitted_at")
MEMBER_EDITABLE = frozenset({"contact", "planned_products"})


def sees_private(caller: Caller, member_id: UUID) -> bool:
    return caller.is_admin or (caller.role == "member" and caller.organisation_id == str(member_id))


def visible(caller: Caller, member: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of ``member`` that ``caller`` may see."""
    if sees_private(caller, member["id"]):
        return dict(member)  # the queries select exactly the Member fields
    return {field: member[field] for field in PUBLIC_FIELDS}


def ensure_may_change(caller: Caller, member_id: UUID, fields: Iterable[str]) -> None:
    if caller.is_admin:
        return
    if not sees_private(caller, member_id):
        raise Forbidden(N_("Only admins and the member itself change a member."))
    refused = sorted(set(fields) - MEMBER_EDITABLE)
    if refused:
        raise Forbidden(
            N_("A member may change only its contact and planned products, not {fields}."),
            params={"fields": ", ".join(refused)},
        )
