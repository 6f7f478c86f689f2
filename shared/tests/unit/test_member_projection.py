"""The member projection's one rule: a suspension with an end date ends by itself."""

from datetime import UTC, datetime, timedelta

from clusterkit.member_projection import status_on

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_a_suspension_whose_end_has_passed_is_over() -> None:
    assert status_on("suspended", NOW - timedelta(seconds=1), NOW) == "active"
    assert status_on("suspended", NOW, NOW) == "active"


def test_a_suspension_still_running_or_without_end_holds() -> None:
    assert status_on("suspended", NOW + timedelta(days=1), NOW) == "suspended"
    assert status_on("suspended", None, NOW) == "suspended"


def test_other_statuses_are_as_recorded() -> None:
    assert status_on("active", None, NOW) == "active"
    assert status_on("expelled", NOW - timedelta(days=1), NOW) == "expelled"
