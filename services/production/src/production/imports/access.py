"""Who imports reports: admins, and an organisation's own key (for itself, row by row:
see ``rules``)."""

from __future__ import annotations

from clusterkit.auth import Caller, ensure_role


def ensure_may_import(caller: Caller) -> None:
    ensure_role(caller, "admin", "member")
