"""A step taken from a state it is not taken from: the one ``illegal-transition`` conflict of
every feature, naming the state the thing is in and those the step is allowed from."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from clusterkit.errors import Conflict


def illegal_transition(status: str, allowed_from: Sequence[StrEnum], detail: str) -> Conflict:
    """``detail``: a msgid naming the state as ``{status}``."""
    return Conflict(
        detail,
        code="illegal-transition",
        params={"status": status},
        current_status=status,
        allowed_from=[state.value for state in allowed_from],
    )


def ensure_from(status: str, allowed_from: Sequence[StrEnum], detail: str) -> None:
    if status not in allowed_from:
        raise illegal_transition(status, allowed_from, detail)
