"""Reporting deadlines: the month's status, returning a report, the on-time KPI and the
reminder job's turn."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any
from uuid import UUID

from clusterkit.auth import Caller
from clusterkit.errors import Conflict
from clusterkit.i18n import N_
from clusterkit.jobs import Job
from clusterkit.sql import SQL
from clusterkit.unit_of_work import UnitOfWork
from production import events
from production.domain import SHARE
from production.periods.rules import period_text
from production.reporting import access, queries, rules
from production.settings import ProductionSettings


async def return_report(uow: UnitOfWork, *, report_id: int, reason: str) -> dict[str, Any]:
    """Return a reported figure to its organisation for revision: only its latest revision,
    and once (until it is revised and returned again)."""
    access.ensure_may_return(uow.caller)
    row = await uow.found(
        queries.RETURNED_REVISION, "report", N_("No report with this id."), report_id=report_id
    )
    if not row["is_latest"]:
        raise Conflict(
            N_("Only the latest revision of a figure can be returned; this one was revised."),
            code="report-revised",
        )
    returned_at = await uow.value(
        queries.ADD_RETURN,
        revision_id=report_id,
        organisation_id=row["organisation_id"],
        period=row["period"],
        reason=reason,
        returned_by=uow.caller.key_id or uow.caller.role,
    )
    if returned_at is None:
        raise Conflict(N_("The report was returned already."), code="report-returned")
    uow.knows_now(returned_at)
    answer = {
        "report_id": report_id,
        "organisation_id": row["organisation_id"],
        "metric": row["metric"],
        "period": period_text(row["period"]),
        "product_category": row["product_category"] or None,
        "revision": row["revision"],
        "reason": reason,
        "returned_at": returned_at,
        "returned_by": uow.caller.key_id or uow.caller.role,
    }
    uow.publish(
        events.contracts.event(
            events.REPORT_RETURNED,
            events.ReportReturned(
                **{name: value for name, value in answer.items() if name != "returned_by"}
            ),
        )
    )
    return answer


def _share(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(SHARE, rounding=ROUND_HALF_EVEN)


def _figures(states: Counter[str]) -> dict[str, Any]:
    due = sum(states.values())
    return {
        "due": due,
        "on_time": states[rules.ON_TIME],
        "late": states[rules.LATE],
        "missing": states[rules.MISSING],
        "share": _share(states[rules.ON_TIME], due),
    }


async def on_time_reporting(
    read: SQL, *, caller: Caller, year: int, settings: ProductionSettings
) -> dict[str, Any]:
    """The on-time KPI of a year's months already due: for the cluster (every active
    organisation, whoever asks) and per organisation (as the caller may see them)."""
    listed, only = access.organisations_shown(caller)
    today = await read.value(queries.TODAY, time_zone=settings.reporting_time_zone)
    months = rules.months_due(year, today, settings.report_due_day)
    rows = await read.fetch(
        queries.ON_TIME_BY_ORGANISATION,
        periods=months,
        due_dates=[rules.due_date(month, settings.report_due_day) for month in months],
        time_zone=settings.reporting_time_zone,
    )
    cluster: Counter[str] = Counter()
    by_organisation: dict[UUID, tuple[str, Counter[str]]] = {}
    for row in rows:
        state = rules.state_of(
            first_reported_on=row["first_reported_on"], due=row["due_date"], returned=False
        )
        cluster[state] += 1
        if listed and only in (None, row["organisation_id"]):
            _, states = by_organisation.setdefault(
                row["organisation_id"], (row["legal_name"], Counter())
            )
            states[state] += 1
    return {
        "year": year,
        "due_day": settings.report_due_day,
        "cluster": _figures(cluster),
        "organisations": [
            {"organisation_id": organisation_id, "legal_name": name, **_figures(states)}
            for organisation_id, (name, states) in by_organisation.items()
        ],
    }


async def send_reminders(
    uow: UnitOfWork, *, settings: ProductionSettings, today: date | None = None
) -> int:
    """One turn of the reminder job: the month today calls for a reminder of (see
    :func:`rules.reminder_due`), to every active organisation that has not reported it. A
    reminder is recorded before it is published, so none goes out twice."""
    if today is None:
        today = await uow.value(queries.TODAY, time_zone=settings.reporting_time_zone)
    due_now = rules.reminder_due(today, settings.report_due_day, settings.reminder_days_before)
    if due_now is None:
        return 0
    period, due, reminder = due_now
    sent = await uow.fetch(queries.SEND_REMINDERS, period=period, reminder=reminder, due_date=due)
    for row in sent:
        uow.publish(
            events.contracts.event(
                events.REPORT_DUE,
                events.ReportDue(
                    organisation_id=row["organisation_id"],
                    period=period_text(period),
                    due_date=due,
                    reminder=reminder,
                    sent_at=row["sent_at"],
                ),
            )
        )
    return len(sent)


async def _reminders_turn(uow: UnitOfWork, settings: ProductionSettings) -> int:
    return await send_reminders(uow, settings=settings)


# The reminder job: every instance schedules it, one runs each turn (clusterkit.jobs).
REMINDERS = Job("report-reminders", _reminders_turn, every="reminder_check_seconds")
