"""The reporting calendar: a month's report is due by a day of the next month (the 10th
unless the settings say otherwise), counted in Tashkent's calendar, not UTC's."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Final, Literal

ON_TIME: Final = "on_time"
LATE: Final = "late"
MISSING: Final = "missing"
RETURNED: Final = "returned"
State = Literal["on_time", "late", "missing", "returned"]
STATES: tuple[State, ...] = (ON_TIME, LATE, MISSING, RETURNED)

# The two reminders: some days before the due day, and on it.
DUE_SOON: Final = "due_soon"
DUE_TODAY: Final = "due_today"
Reminder = Literal["due_soon", "due_today"]


def due_date(period: date, due_day: int) -> date:
    """The day ``period``'s report is due: ``due_day`` of the next month (its last day if
    the month is shorter)."""
    year, month = (period.year + 1, 1) if period.month == 12 else (period.year, period.month + 1)
    return date(year, month, min(due_day, calendar.monthrange(year, month)[1]))


def previous_month(today: date) -> date:
    """The period whose report falls due in ``today``'s month."""
    first = today.replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


def state_of(*, first_reported_on: date | None, due: date, returned: bool) -> State:
    """A month's state for one organisation: its first report's day against the due day; a
    returned report stays returned until it is revised."""
    if returned:
        return RETURNED
    if first_reported_on is None:
        return MISSING
    return ON_TIME if first_reported_on <= due else LATE


def reminder_on(today: date, due: date, days_before: int) -> Reminder | None:
    """Which reminder ``today`` calls for: from ``days_before`` days before the due day
    (a turn missed on that day is caught up the next), and on the due day itself."""
    if today == due:
        return DUE_TODAY
    if due - timedelta(days=days_before) <= today < due:
        return DUE_SOON
    return None


def reminder_due(today: date, due_day: int, days_before: int) -> tuple[date, date, Reminder] | None:
    """The month ``today`` calls for a reminder of, its due date and which reminder: the
    month due this month, or, in a month's last days, the one due early next month."""
    for period in (previous_month(today), today.replace(day=1)):
        due = due_date(period, due_day)
        reminder = reminder_on(today, due, days_before)
        if reminder is not None:
            return period, due, reminder
    return None


def months_due(year: int, today: date, due_day: int) -> list[date]:
    """The months of ``year`` whose reports were due before ``today``."""
    months = [date(year, month, 1) for month in range(1, 13)]
    return [month for month in months if due_date(month, due_day) < today]
