"""Production use cases: reports and plans kept as revisions, period locks, and the KPIs
computed from the latest revisions (as of now, or as of any past moment)."""

from __future__ import annotations

import uuid
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, insert, literal, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from clusterkit.auth import Caller
from clusterkit.db import database_now
from clusterkit.legacy import UnitOfWork
from clusterkit.problems import Problem
from production import events as ev
from production.domain import (
    AMMC_ID,
    CATALOGUE,
    DEEP_PROCESSING_TARGET,
    Metric,
    ProductCategory,
    convert,
    metric_unit,
)
from production.models import effective_status, figures, organisations, period_locks

QUANTITY = Decimal("0.001")
SHARE = Decimal("0.0001")


def field_error(field: str, message: str, where: str = "body") -> Problem:
    """422 naming one field, like the request validation errors do."""
    return Problem(
        422,
        message,
        code="validation-error",
        errors=[{"field": field, "in": where, "type": "value_error", "message": message}],
    )


def parse_period(value: str, field: str = "period", where: str = "body") -> date:
    try:
        year, month = value.split("-")
        if len(year) != 4 or len(month) != 2:
            raise ValueError
        return date(int(year), int(month), 1)
    except ValueError:
        raise field_error(field, "A period is YYYY-MM.", where) from None


def period_text(period: date) -> str:
    return f"{period.year:04d}-{period.month:02d}"


async def reporting_organisation(
    session: AsyncSession, caller: Caller, organisation_id: uuid.UUID
) -> None:
    """The caller may report for the organisation, and it may report (active)."""
    if not caller.is_admin and caller.organisation_id != str(organisation_id):
        raise Problem(403, "A key reports only for its own organisation.", code="forbidden")
    status = await session.scalar(
        select(effective_status()).where(organisations.c.id == organisation_id)
    )
    if status is None:
        raise field_error("organisation_id", "No organisation with this id.")
    if status != "active":
        raise Problem(
            403,
            f"The organisation is {status}; it cannot report.",
            code="organisation-not-active",
            status_of_organisation=status,
        )


def _category_for(metric: Metric, category: ProductCategory | None) -> str:
    definition = CATALOGUE[metric]
    if definition.by_category and category is None:
        raise field_error("product_category", f"{metric} is reported per product category.")
    if category is not None and metric not in (Metric.PRODUCT_OUTPUT, Metric.COPPER_PROCESSED):
        raise field_error("product_category", f"{metric} has no product categories.")
    return category.value if category else ""


def _key_lock(*parts: object) -> int:
    return zlib.crc32("|".join(map(str, parts)).encode())


async def _latest(
    session: AsyncSession,
    kind: str,
    organisation_id: uuid.UUID,
    metric: str,
    period: date,
    category: str,
) -> Any:
    f = figures.c
    return (
        await session.execute(
            select(f.quantity, f.revision)
            .where(
                f.kind == kind,
                f.organisation_id == organisation_id,
                f.metric == metric,
                f.period == period,
                f.product_category == category,
            )
            .order_by(f.revision.desc())
            .limit(1)
        )
    ).one_or_none()


@dataclass(frozen=True)
class Report:
    organisation_id: uuid.UUID
    metric: Metric
    period: str
    product_category: ProductCategory | None
    quantity: Decimal
    unit: str
    note: str | None = None
    reason: str | None = None


async def record_report(uow: UnitOfWork, caller: Caller, report: Report) -> dict[str, Any]:
    """Store a report as a new revision of its key; emit submitted or revised, and the
    deep-processing update when the figure moves the month's share."""
    session = uow.session
    await reporting_organisation(session, caller, report.organisation_id)
    period = parse_period(report.period)
    today = datetime.now(UTC).date()
    if period > today.replace(day=1):
        raise field_error("period", "A period in the future cannot be reported.")
    category = _category_for(report.metric, report.product_category)
    unit = metric_unit(report.metric, report.product_category)
    quantity = convert(report.quantity, report.unit, unit)
    if quantity is None:
        raise field_error("unit", f"{report.unit} does not convert to {unit}.")
    quantity = quantity.quantize(QUANTITY)

    locked = await session.scalar(
        select(period_locks.c.period).where(period_locks.c.period == period)
    )
    if locked is not None:
        if not caller.is_admin:
            raise Problem(
                403,
                f"{report.period} is locked; only an admin may correct it.",
                code="period-locked",
            )
        if not report.reason:
            raise field_error("reason", f"{report.period} is locked: a correction needs a reason.")
    # Revisions of one key are numbered in order even when two arrive at once.
    await session.execute(
        select(
            func.pg_advisory_xact_lock(
                _key_lock("actual", report.organisation_id, report.metric, period, category)
            )
        )
    )
    latest = await _latest(
        session, "actual", report.organisation_id, report.metric, period, category
    )
    now = await database_now(session)
    revision = latest.revision + 1 if latest else 1
    row = (
        await session.execute(
            insert(figures)
            .values(
                kind="actual",
                organisation_id=report.organisation_id,
                metric=report.metric,
                period=period,
                product_category=category,
                quantity=quantity,
                unit=unit,
                note=report.note,
                reason=report.reason,
                revision=revision,
                recorded_at=now,
                recorded_by=caller.key_id or caller.role,
            )
            .returning(figures)
        )
    ).one()
    uow.publish(
        ev.contracts.event(
            ev.REPORT_REVISED if latest else ev.REPORT_SUBMITTED,
            ev.ReportRecorded(
                organisation_id=report.organisation_id,
                metric=report.metric,
                period=report.period,
                product_category=category or None,
                quantity=quantity,
                unit=unit,
                revision=revision,
                previous_quantity=latest.quantity if latest else None,
                reason=report.reason,
                recorded_at=now,
            ),
        )
    )
    moves_share = report.metric in (Metric.COPPER_PROCESSED, Metric.CATHODE_OUTPUT)
    if moves_share and (latest is None or latest.quantity != quantity):
        month = (await deep_processing_by_month(session, [period]))[period]
        uow.publish(
            ev.contracts.event(
                ev.DEEP_PROCESSING_UPDATED,
                ev.DeepProcessingUpdated(
                    period=report.period,
                    copper_processed_t=month.processed,
                    cathode_output_t=month.cathode,
                    share=month.share,
                    target=DEEP_PROCESSING_TARGET,
                    occurred_at=now,
                ),
            )
        )
    return figure_dict(row._mapping)


def figure_dict(row: Mapping[Any, Any]) -> dict[str, Any]:
    return {
        **row,
        "period": period_text(row["period"]),
        "product_category": row["product_category"] or None,
    }


async def set_plan(
    uow: UnitOfWork,
    caller: Caller,
    organisation_id: uuid.UUID,
    metric: Metric,
    year: int,
    monthly: Sequence[Decimal],
    category: ProductCategory | None,
    note: str | None,
) -> dict[str, Any]:
    session = uow.session
    if not caller.is_admin and caller.organisation_id != str(organisation_id):
        raise Problem(403, "Plans are set by admins or the organisation itself.", code="forbidden")
    if (
        await session.scalar(
            select(organisations.c.id).where(organisations.c.id == organisation_id)
        )
        is None
    ):
        raise Problem(404, "No organisation with this id.", code="not-found")
    category_value = _category_for(metric, category)
    unit = metric_unit(metric, category)
    now = await database_now(session)
    await session.execute(
        select(
            func.pg_advisory_xact_lock(
                _key_lock("plan", organisation_id, metric, year, category_value)
            )
        )
    )
    rows = []
    for month, quantity in enumerate(monthly, start=1):
        period = date(year, month, 1)
        latest = await _latest(session, "plan", organisation_id, metric, period, category_value)
        rows.append(
            {
                "kind": "plan",
                "organisation_id": organisation_id,
                "metric": metric,
                "period": period,
                "product_category": category_value,
                "quantity": quantity,
                "unit": unit,
                "note": note,
                "revision": latest.revision + 1 if latest else 1,
                "recorded_at": now,
                "recorded_by": caller.key_id or caller.role,
            }
        )
    await session.execute(insert(figures), rows)
    plan = {
        "organisation_id": organisation_id,
        "metric": metric,
        "year": year,
        "product_category": category_value or None,
        "unit": unit,
        "monthly": list(monthly),
        "annual": sum(monthly, Decimal(0)),
        "recorded_at": now,
    }
    uow.publish(ev.contracts.event(ev.PLAN_SET, ev.PlanSet(**plan)))
    return plan


def spread(annual: Decimal) -> list[Decimal]:
    """An annual target as 12 monthly ones; December takes the rounding remainder."""
    month = (annual / 12).quantize(QUANTITY)
    return [month] * 11 + [annual - month * 11]


async def lock_period(
    uow: UnitOfWork, caller: Caller, period_value: str, reason: str | None
) -> dict[str, Any]:
    session = uow.session
    period = parse_period(period_value)
    if (
        await session.scalar(select(period_locks.c.period).where(period_locks.c.period == period))
        is not None
    ):
        raise Problem(409, f"{period_value} is already locked.", code="already-locked")
    now = await database_now(session)
    await session.execute(
        insert(period_locks).values(
            period=period, locked_at=now, locked_by=caller.key_id or caller.role, reason=reason
        )
    )
    uow.publish(
        ev.contracts.event(
            ev.PERIOD_LOCKED, ev.PeriodLocked(period=period_value, reason=reason, locked_at=now)
        )
    )
    return {"period": period_value, "locked_at": now, "reason": reason}


# -- reading: latest revisions, as of a moment ----------------------------------------------


def latest_figures(
    kind: str, *, as_of: datetime | ColumnElement[datetime] | None = None
) -> Select[Any]:
    """The latest revision of every key of ``kind`` (recorded up to ``as_of``)."""
    f = figures.c
    query = (
        select(figures)
        .ext(distinct_on(f.organisation_id, f.metric, f.period, f.product_category))
        .where(f.kind == kind)
        .order_by(f.organisation_id, f.metric, f.period, f.product_category, f.revision.desc())
    )
    if as_of is not None:
        query = query.where(f.recorded_at <= as_of)
    return query


@dataclass(frozen=True)
class Month:
    processed: Decimal
    cathode: Decimal

    @property
    def share(self) -> Decimal | None:
        return (self.processed / self.cathode).quantize(SHARE) if self.cathode else None


async def deep_processing_by_month(
    session: AsyncSession, periods: Sequence[date], as_of: datetime | None = None
) -> dict[date, Month]:
    """Members' processed copper (all categories) and AMMC's cathode output per month."""
    latest = (
        latest_figures("actual", as_of=as_of)
        .where(
            figures.c.period.in_(periods),
            figures.c.metric.in_([Metric.COPPER_PROCESSED, Metric.CATHODE_OUTPUT]),
        )
        .subquery()
    )
    rows = (
        await session.execute(
            select(latest.c.period, latest.c.metric, func.sum(latest.c.quantity))
            .join(organisations, organisations.c.id == latest.c.organisation_id)
            .where(
                (
                    (latest.c.metric == Metric.CATHODE_OUTPUT)
                    & (latest.c.organisation_id == uuid.UUID(AMMC_ID))
                )
                | (
                    (latest.c.metric == Metric.COPPER_PROCESSED)
                    & (organisations.c.kind == literal("member"))
                )
            )
            .group_by(latest.c.period, latest.c.metric)
        )
    ).all()
    sums: dict[tuple[date, str], Decimal] = {(r[0], r[1]): r[2] for r in rows}
    return {
        p: Month(
            sums.get((p, Metric.COPPER_PROCESSED), Decimal(0)),
            sums.get((p, Metric.CATHODE_OUTPUT), Decimal(0)),
        )
        for p in periods
    }
