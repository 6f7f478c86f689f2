"""Period rules: a month is YYYY-MM, the future cannot be reported, and a locked month takes
only an admin's correction with a reason."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from clusterkit.errors import InvalidFields
from production.periods.rules import (
    ADMINS_ONLY,
    REASON_REQUIRED,
    correction_refusal,
    is_future,
    parse_period,
    period_of,
    period_text,
)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2025-03", date(2025, 3, 1)),
        ("1999-12", date(1999, 12, 1)),
        ("2025-13", None),
        ("2025-00", None),
        ("2025/03", None),
        ("2025-3", None),
        ("+202-01", None),
        ("", None),
    ],
)
def test_a_period_names_a_month(text: str, period: date | None) -> None:
    assert period_of(text) == period
    if period is not None:
        assert period_text(period) == text


def test_a_period_that_names_no_month_is_a_field_error() -> None:
    with pytest.raises(InvalidFields) as raised:
        parse_period("2025-13", "period_from", "query")
    (error,) = raised.value.errors
    assert (error["field"], error["in"], error["message"]) == (
        "period_from",
        "query",
        "A period is YYYY-MM.",
    )


def test_the_future_begins_next_month_by_the_clock_given() -> None:
    now = datetime(2025, 3, 31, 23, 59, tzinfo=UTC)
    assert not is_future(date(2025, 3, 1), now)
    assert not is_future(date(2024, 12, 1), now)
    assert is_future(date(2025, 4, 1), now)


@pytest.mark.parametrize(
    ("locked", "is_admin", "reason", "refusal"),
    [
        (False, False, None, None),
        (False, True, None, None),
        (True, False, "audit", ADMINS_ONLY),
        (True, True, None, REASON_REQUIRED),
        (True, True, "", REASON_REQUIRED),
        (True, True, "audit", None),
    ],
)
def test_a_locked_period_takes_corrections_from_admins_with_a_reason(
    locked: bool, is_admin: bool, reason: str | None, refusal: str | None
) -> None:
    assert correction_refusal(locked=locked, is_admin=is_admin, reason=reason) == refusal
