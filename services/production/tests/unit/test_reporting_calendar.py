"""The reporting calendar: due dates, states, reminders, the months of a year already due."""

from __future__ import annotations

from datetime import date

import pytest

from production.reporting import rules


@pytest.mark.parametrize(
    ("period", "due_day", "due"),
    [
        (date(2025, 3, 1), 10, date(2025, 4, 10)),
        (date(2025, 12, 1), 10, date(2026, 1, 10)),  # December's is due in the next year
        (date(2025, 1, 1), 28, date(2025, 2, 28)),
        (date(2024, 1, 1), 28, date(2024, 2, 28)),
    ],
)
def test_a_month_is_due_by_a_day_of_the_next(period: date, due_day: int, due: date) -> None:
    assert rules.due_date(period, due_day) == due


def test_the_state_compares_the_first_report_day_with_the_due_day() -> None:
    due = date(2025, 4, 10)
    assert rules.state_of(first_reported_on=date(2025, 4, 10), due=due, returned=False) == "on_time"
    assert rules.state_of(first_reported_on=date(2025, 4, 11), due=due, returned=False) == "late"
    assert rules.state_of(first_reported_on=None, due=due, returned=False) == "missing"
    assert rules.state_of(first_reported_on=date(2025, 4, 1), due=due, returned=True) == "returned"


def test_reminders_go_out_days_before_the_due_day_and_on_it() -> None:
    due = date(2025, 4, 10)
    assert rules.reminder_on(date(2025, 4, 6), due, 3) is None
    assert rules.reminder_on(date(2025, 4, 7), due, 3) == "due_soon"
    assert rules.reminder_on(date(2025, 4, 9), due, 3) == "due_soon"  # a missed turn caught up
    assert rules.reminder_on(date(2025, 4, 10), due, 3) == "due_today"
    assert rules.reminder_on(date(2025, 4, 11), due, 3) is None


def test_the_reminder_before_an_early_due_day_falls_in_the_month_before() -> None:
    # December's report is due on 2 January: its first reminder goes out on 30 December.
    assert rules.reminder_due(date(2025, 12, 30), 2, 3) == (
        date(2025, 12, 1),
        date(2026, 1, 2),
        "due_soon",
    )
    assert rules.reminder_due(date(2026, 1, 2), 2, 3) == (
        date(2025, 12, 1),
        date(2026, 1, 2),
        "due_today",
    )
    assert rules.reminder_due(date(2025, 12, 28), 2, 3) is None
    assert rules.reminder_due(date(2025, 12, 10), 10, 3) == (
        date(2025, 11, 1),
        date(2025, 12, 10),
        "due_today",
    )


def test_the_months_due_are_those_whose_due_day_has_passed() -> None:
    assert rules.previous_month(date(2026, 1, 5)) == date(2025, 12, 1)
    due = rules.months_due(2026, date(2026, 12, 1), 10)
    assert due[0] == date(2026, 1, 1)
    assert due[-1] == date(2026, 10, 1)
    assert rules.months_due(2026, date(2026, 2, 10), 10) == []
    assert rules.months_due(2026, date(2026, 2, 11), 10) == [date(2026, 1, 1)]
