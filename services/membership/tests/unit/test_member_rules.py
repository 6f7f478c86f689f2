"""A member's status from its dates, and what the upkeep may start from."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clusterkit.errors import Conflict, InvalidFields
from membership.members.rules import (
    MemberStatus,
    changed_fields,
    ensure_changeable,
    ensure_future,
    ensure_no_nulls,
    ensure_status,
    member_status,
)

NOW = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("expelled_at", "suspended_at", "suspended_until", "status"),
    [
        (None, None, None, MemberStatus.ACTIVE),
        (None, NOW - DAY, None, MemberStatus.SUSPENDED),  # until lifted
        (None, NOW - DAY, NOW + DAY, MemberStatus.SUSPENDED),
        (None, NOW - 2 * DAY, NOW - DAY, MemberStatus.ACTIVE),  # over by itself
        (None, NOW - DAY, NOW, MemberStatus.ACTIVE),  # ends at until
        (NOW, None, None, MemberStatus.EXPELLED),
        (NOW, NOW - DAY, None, MemberStatus.EXPELLED),  # expulsion outranks a suspension
    ],
)
def test_the_status_follows_from_the_dates(
    expelled_at: datetime | None,
    suspended_at: datetime | None,
    suspended_until: datetime | None,
    status: MemberStatus,
) -> None:
    found = member_status(
        expelled_at=expelled_at,
        suspended_at=suspended_at,
        suspended_until=suspended_until,
        now=NOW,
    )
    assert found is status


def test_a_step_from_a_state_it_does_not_start_from_is_a_409_naming_it() -> None:
    ensure_status(MemberStatus.ACTIVE, "suspend", MemberStatus.ACTIVE)
    with pytest.raises(Conflict) as refused:
        ensure_status(MemberStatus.EXPELLED, "reinstate", MemberStatus.SUSPENDED)
    assert refused.value.code == "illegal-transition"
    assert refused.value.detail == "Cannot reinstate a member that is expelled."
    assert refused.value.details == {"current_status": "expelled"}


def test_an_expelled_member_is_not_changed() -> None:
    ensure_changeable(MemberStatus.SUSPENDED)
    with pytest.raises(Conflict) as refused:
        ensure_changeable(MemberStatus.EXPELLED)
    assert refused.value.code == "member-expelled"


def test_a_suspension_ends_in_the_future_if_it_ends() -> None:
    ensure_future(None, NOW)
    ensure_future(NOW + timedelta(seconds=1), NOW)
    for until in (NOW, NOW - DAY):
        with pytest.raises(InvalidFields) as refused:
            ensure_future(until, NOW)
        assert [e["field"] for e in refused.value.errors] == ["until"]


def test_a_change_names_no_null_and_only_differences_count() -> None:
    ensure_no_nulls({"legal_name": "New LLC"})
    with pytest.raises(InvalidFields) as refused:
        ensure_no_nulls({"legal_name": None, "region": "UZ-TO", "sectors": None})
    assert [e["field"] for e in refused.value.errors] == ["legal_name", "sectors"]
    current = {"legal_name": "Old LLC", "region": "UZ-TO", "sectors": ["pipes"]}
    changes = {"legal_name": "Old LLC", "region": "UZ-AN", "sectors": ["pipes"]}
    assert changed_fields(current, changes) == {"region": "UZ-AN"}
