"""A member's status from its dates, and what each upkeep step may start from, without I/O.

The status is never stored: a suspension with an ``until`` that passed is over by itself,
with no job to lift it. ``queries.MEMBER_STATUS`` is the same rule in SQL, for the lists
and their filters.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any

from clusterkit.errors import Conflict, InvalidFields
from clusterkit.i18n import N_


class MemberStatus(StrEnum):
    """Effective status, computed from stored dates (a lapsed suspension is over by itself)."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    EXPELLED = "expelled"


def member_status(
    *,
    expelled_at: datetime | None,
    suspended_at: datetime | None,
    suspended_until: datetime | None,
    now: datetime,
) -> MemberStatus:
    if expelled_at is not None:
        return MemberStatus.EXPELLED
    if suspended_at is not None and (suspended_until is None or suspended_until > now):
        return MemberStatus.SUSPENDED
    return MemberStatus.ACTIVE


# What each step cannot do, said whole (a verb alone does not translate).
CANNOT = {
    "suspend": N_("Cannot suspend a member that is {status}."),
    "reinstate": N_("Cannot reinstate a member that is {status}."),
    "expel": N_("Cannot expel a member that is {status}."),
}


def ensure_status(status: MemberStatus, doing: str, *allowed: MemberStatus) -> None:
    """A 409 naming ``status`` unless ``doing`` (suspend, reinstate, expel) may start from it."""
    if status not in allowed:
        raise Conflict(
            CANNOT[doing],
            code="illegal-transition",
            params={"status": status.value},
            current_status=status.value,
        )


def ensure_changeable(status: MemberStatus) -> None:
    """Expulsion is final: an expelled member's entry stays as it was."""
    if status is MemberStatus.EXPELLED:
        raise Conflict(
            N_("An expelled member cannot be changed."),
            code="member-expelled",
            current_status=status.value,
        )


def ensure_no_nulls(changes: Mapping[str, Any]) -> None:
    """A change sets values; a field is left out to keep it, never sent as null."""
    nulls = [(f, N_("cannot be null")) for f, value in changes.items() if value is None]
    if nulls:
        raise InvalidFields(*nulls)


def ensure_future(until: datetime | None, now: datetime) -> None:
    """A suspension that ends has to end later than now."""
    if until is not None and until <= now:
        raise InvalidFields(("until", N_("must be in the future")))


def changed_fields(current: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of ``changes`` whose values differ from the current ones."""
    return {field: value for field, value in changes.items() if current[field] != value}
