"""A step taken from a state it is not taken from: the one ``illegal-transition`` conflict of
every feature, naming the state the thing is in and those the step is allowed from; and
``ensure_in``, the one refusal of what only a thing in one state does (an open request
takes offers, a verified supplier trades), naming the state it is in."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from clusterkit.errors import Conflict, DomainError


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


def ensure_in(
    status: str,
    wanted: StrEnum,
    detail: str,
    *,
    code: str,
    refusal: type[DomainError] = Conflict,
    named_as: str = "current_status",
) -> None:
    """Nothing, when ``status`` is ``wanted``; else ``refusal`` (``code``) naming the state
    the thing is in: in ``detail`` (a msgid) as ``{status}``, in the answer as ``named_as``."""
    if status != wanted:
        raise refusal(detail, code=code, params={"status": status}, **{named_as: status})
