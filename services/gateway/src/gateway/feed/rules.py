"""Who reads which events, and how types and parties are named (pure rules).

Admins read everything, procurement supply's events, a member or supplier the events that
name its organisation. A subscription gets the events its owner could read (see
``queries.wanted``), so a procurement webhook never receives membership's events.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from clusterkit.auth import Caller

PREFIX = "uz.coppercluster."
SUPPLY = f"{PREFIX}supply."
# Payload fields that name an organisation the event is about.
PARTY_FIELDS = ("member_id", "organisation_id", "supplier_id")


def full_type(prefix: str) -> str:
    """``supply.order`` and ``uz.coppercluster.supply.order`` name the same types."""
    return prefix if prefix.startswith(PREFIX) else PREFIX + prefix


def type_prefixes(types: str | None) -> list[str] | None:
    """The comma-separated prefixes of a feed request as full types (None: every type)."""
    prefixes = [full_type(p) for p in (types or "").split(",") if p]
    return prefixes or None


def subscribed_types(prefixes: list[str]) -> list[str]:
    """A subscription's type prefixes as stored: full, each once, sorted (none: every type)."""
    return sorted({full_type(p) for p in prefixes})


def parties(data: Mapping[str, Any]) -> list[str]:
    """The organisations an event's payload names (members, suppliers): who may read it
    besides admins."""

    def found(value: Mapping[str, Any]) -> Iterator[str]:
        for name in PARTY_FIELDS:
            if isinstance(value.get(name), str):
                yield value[name]
        for name in ("member", "supplier"):
            nested = value.get(name)
            if isinstance(nested, Mapping) and isinstance(nested.get("id"), str):
                yield nested["id"]

    return sorted(set(found(data)))


def readable_by(caller: Caller) -> dict[str, Any]:
    """The feed's filters for what ``caller`` may read: none for an admin, the supply type
    prefix for procurement, its organisation for a member or supplier, else nothing."""
    if caller.is_admin:
        return {}
    if caller.role == "procurement":
        return {"type_prefix": SUPPLY}
    if caller.role in ("member", "supplier") and caller.organisation_id:
        return {"party": caller.organisation_id}
    return {"nothing": True}


def topic_of(source: str) -> str:
    """``/coppercluster/supply`` publishes to ``supply.events``."""
    return f"{source.rsplit('/', 1)[-1]}.events"
