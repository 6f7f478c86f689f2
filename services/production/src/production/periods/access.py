"""Who locks periods: admins."""

from __future__ import annotations

from clusterkit.auth import Caller, ensure_role


def ensure_may_lock(caller: Caller) -> None:
    ensure_role(caller, "admin")
