"""The parties of a deal: the member and the supplier as events name them, the organisation
an API key acts for, and who is looking (what each feature shows a viewer is in its own
``access.py`` and queries)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from clusterkit.auth import Caller, Role, require_role

# Who takes part in deals, each seeing its own share: the routers of requests, offers and
# orders take these keys only.
DEAL_ROLES: tuple[Role, ...] = ("member", "supplier", "admin", "procurement")
PARTIES = [require_role(*DEAL_ROLES)]


class Party(BaseModel):
    """A member or a supplier, as procurement tools know them (STIR = tax id)."""

    id: uuid.UUID
    legal_name: str
    stir: str = Field(pattern=r"^\d{9}$")


class SupplierParty(Party):
    is_local: bool


def member_party(member: Mapping[str, Any]) -> Party:
    """A member of the projection as an event's party."""
    return Party(id=member["id"], legal_name=member["legal_name"], stir=member["stir"])


def supplier_party(row: Mapping[str, Any], prefix: str = "") -> SupplierParty:
    """A supplier row as an event's party; ``prefix="supplier_"`` for a row that carries the
    supplier's columns beside its own (``supplier_id``, ``supplier_legal_name`` ...)."""
    return SupplierParty(
        id=row[f"{prefix}id"],
        legal_name=row[f"{prefix}legal_name"],
        stir=row[f"{prefix}stir"],
        is_local=row[f"{prefix}is_local"],
    )


def organisation(caller: Caller) -> uuid.UUID | None:
    """The member or supplier the caller's key is bound to (None if none, or not an id)."""
    try:
        return uuid.UUID(caller.organisation_id) if caller.organisation_id else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Viewer:
    """Who reads: admins and procurement see everything; a member or a supplier key sees
    its own organisation's share; any other key nothing."""

    member_id: uuid.UUID | None = None
    supplier_id: uuid.UUID | None = None
    everything: bool = False

    def filters(self) -> dict[str, Any]:
        """The viewer as the parameters of a shaped query (``viewer_member``,
        ``viewer_supplier``, or ``nobody``; none of them for everything)."""
        sees_some = self.everything or self.member_id or self.supplier_id
        return {
            "viewer_member": self.member_id,
            "viewer_supplier": self.supplier_id,
            "nobody": None if sees_some else True,
        }


def viewer(caller: Caller) -> Viewer:
    if caller.role in ("admin", "procurement"):
        return Viewer(everything=True)
    org = organisation(caller)
    if caller.role == "member" and org is not None:
        return Viewer(member_id=org)
    if caller.role == "supplier" and org is not None:
        return Viewer(supplier_id=org)
    return Viewer()
