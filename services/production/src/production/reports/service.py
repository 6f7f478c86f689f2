"""Recording a report: a new revision of its key, checked against the organisation, the
period and the metric, with its event (and the deep-processing update it causes)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from clusterkit.errors import Busy, Forbidden, InvalidFields
from clusterkit.i18n import N_
from clusterkit.sql import Row
from clusterkit.unit_of_work import UnitOfWork
from production import events
from production.domain import Metric
from production.kpis.service import publish_share_updates
from production.periods import rules as periods
from production.reports import access, queries, rules
from production.reports.schemas import ReportIn

# Statements that may find a key's next revision taken by a concurrent one, in a row.
ATTEMPTS = 10


def recorded_by(uow: UnitOfWork) -> str:
    return uow.caller.key_id or uow.caller.role


async def add_revisions(
    uow: UnitOfWork,
    *,
    kind: str,
    organisation_id: UUID,
    metric: Metric,
    category: str,
    unit: str,
    quantities: Mapping[date, Decimal],
    note: str | None,
    reason: str | None = None,
) -> list[Row]:
    """A new revision of each period's key, by period; see :mod:`.queries` for how
    revisions recorded at the same time are numbered."""
    pending = dict(quantities)
    added: list[Row] = []
    for _ in range(ATTEMPTS):
        rows = await uow.fetch(
            queries.ADD_REVISIONS,
            kind=kind,
            organisation_id=organisation_id,
            metric=metric.value,
            product_category=category,
            unit=unit,
            note=note,
            reason=reason,
            recorded_by=recorded_by(uow),
            periods=list(pending),
            quantities=list(pending.values()),
        )
        added += rows
        for row in rows:
            del pending[row["period"]]
        if not pending:
            return sorted(added, key=lambda row: row["period"])
    raise Busy(N_("The figure met concurrent revisions and was not recorded; send it again."))


async def record_report(uow: UnitOfWork, *, report: ReportIn) -> dict[str, Any]:
    """Store a report as a new revision of its key; emit submitted or revised, and the
    deep-processing update when the figure moves the month's share."""
    access.ensure_reports_for(uow.caller, report.organisation_id)
    period = periods.parse_period(report.period)
    state = await uow.one(
        queries.REPORT_STATE, organisation_id=report.organisation_id, period=period
    )
    assert state is not None
    uow.knows_now(state["now"])
    access.ensure_may_report(state["status"])
    if periods.is_future(period, state["now"]):
        raise InvalidFields(("period", N_("A period in the future cannot be reported.")))
    category = rules.category_value(report.metric, report.product_category)
    quantity, unit = rules.stored_quantity(
        report.metric, report.product_category, report.quantity, report.unit
    )
    refusal = periods.correction_refusal(
        locked=state["locked"], is_admin=uow.caller.is_admin, reason=report.reason
    )
    if refusal == periods.ADMINS_ONLY:
        raise Forbidden(
            N_("{period} is locked; only an admin may correct it."),
            code="period-locked",
            params={"period": report.period},
        )
    if refusal == periods.REASON_REQUIRED:
        raise InvalidFields(
            (
                "reason",
                N_("{period} is locked: a correction needs a reason."),
                {"period": report.period},
            )
        )

    (row,) = await add_revisions(
        uow,
        kind="actual",
        organisation_id=report.organisation_id,
        metric=report.metric,
        category=category,
        unit=unit,
        quantities={period: quantity},
        note=report.note,
        reason=report.reason,
    )
    uow.publish(
        events.contracts.event(
            rules.event_type(row["revision"]),
            events.ReportRecorded(
                organisation_id=report.organisation_id,
                metric=report.metric,
                period=report.period,
                product_category=category or None,
                quantity=quantity,
                unit=unit,
                revision=row["revision"],
                previous_quantity=row["previous_quantity"],
                reason=report.reason,
                recorded_at=row["recorded_at"],
            ),
        )
    )
    if rules.moves_share(report.metric, row["previous_quantity"], quantity):
        await publish_share_updates(uow, [period])
    return queries.report_fields(row)
