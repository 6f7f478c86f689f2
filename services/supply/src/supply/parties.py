"""The parties of a deal: the member and the supplier as events name them, and the
organisation an API key acts for."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from clusterkit.auth import Caller


class Party(BaseModel):
    """A member or a supplier, as procurement tools know them (STIR = tax id)."""

    id: uuid.UUID
    legal_name: str
    stir: str = Field(pattern=r"^\d{9}$")


class SupplierParty(Party):
    is_local: bool


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
