"""Who subscribes: procurement and admin keys. A subscription is its key's own; an admin sees
and changes every one (others answer as if it did not exist)."""

from __future__ import annotations

from typing import Annotated

from clusterkit.auth import Caller, require_role

SubscriberDep = Annotated[Caller, require_role("admin", "procurement")]


def owned_by(caller: Caller) -> dict[str, str]:
    """The subscriptions ``caller`` may see and change, as a filter (none: every one)."""
    if caller.is_admin:
        return {}
    return {"owner_key_id": caller.key_id or ""}
