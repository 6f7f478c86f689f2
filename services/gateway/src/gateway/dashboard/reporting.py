"""The production reporting deadlines the front page shows: the cluster's on-time KPI (the
public part of ``GET /api/v1/production/kpis/on-time-reporting``) and the next report due.

Which organisation reported when is not public (``reporting/status`` needs a key): the page
is anonymous, so it shows the cluster's figures and the due-date rule, computed as the
production service does: a month's report is due by ``due_day`` of the next month (the
month's last day when it is shorter), in Tashkent's calendar.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from gateway.dashboard.client import Services

ON_TIME = "/api/v1/production/kpis/on-time-reporting"
DEFAULT_DUE_DAY = 10  # production's default, when its answer does not say


async def on_time(services: Services, year: int) -> Any:
    """The year's on-time KPI (the cluster's figures), or None when production is away."""
    return await services.get("production", ON_TIME, {"year": year})


def due_date(period: date, due_day: int) -> date:
    """The day ``period``'s report is due: ``due_day`` of the next month, at most its last."""
    year, month = (period.year + 1, 1) if period.month == 12 else (period.year, period.month + 1)
    return date(year, month, min(due_day, calendar.monthrange(year, month)[1]))


def next_deadline(year: int, today: date, due_day: int) -> dict[str, Any] | None:
    """The first month of ``year`` whose report is not due yet (due today or later), with
    its due date; None when every month of the year is past due."""
    for month in range(1, 13):
        period = date(year, month, 1)
        due = due_date(period, due_day)
        if due >= today:
            return {"period": f"{year}-{month:02d}", "due_date": due}
    return None


def card(kpi: dict[str, Any] | None, year: int, today: date) -> dict[str, Any] | None:
    """What the "On-time reporting" card shows: the cluster's months due, on time, late and
    missing, its share, the due day and the next deadline of the year."""
    if kpi is None:
        return None
    due_day = int(kpi.get("due_day") or DEFAULT_DUE_DAY)
    return {
        **kpi["cluster"],
        "due_day": due_day,
        "next": next_deadline(year, today, due_day),
    }
