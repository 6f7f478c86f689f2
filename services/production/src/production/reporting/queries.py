"""The SQL of reporting deadlines.

An organisation's month counts as reported from its first actual revision for the month,
taken as a day in the reporting time zone (``timezone(:time_zone, recorded_at)``). The
month is returned while one of its figures' latest revision is a returned one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    Select,
    Text,
    Uuid,
    bindparam,
    cast,
    column,
    exists,
    func,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY, insert

from clusterkit.listing import KeysetList
from clusterkit.member_projection import ACTIVE
from clusterkit.sql import Query, parameters
from production.periods.rules import period_text
from production.reporting.rules import state_of
from production.tables import effective_status, organisations, reminders, report_returns, revisions

o, r, rr = organisations.c, revisions.c, report_returns.c
_status = effective_status()
_time_zone = bindparam("time_zone", type_=Text)


def _reported_on(period: Any) -> Any:
    """The day (in the reporting time zone) an organisation first reported ``period``."""
    return (
        select(cast(func.timezone(_time_zone, func.min(r.recorded_at)), Date))
        .where(r.kind == "actual", r.organisation_id == o.id, r.period == period)
        .scalar_subquery()
    )


def _returned(period: Any) -> Any:
    """Whether one of the organisation's figures of ``period`` stands returned: its latest
    revision is one an admin returned."""
    returned = revisions.alias("returned")
    newer = revisions.alias("newer")
    return exists().where(
        rr.organisation_id == o.id,
        rr.period == period,
        returned.c.id == rr.revision_id,
        ~exists().where(
            newer.c.kind == "actual",
            newer.c.organisation_id == returned.c.organisation_id,
            newer.c.metric == returned.c.metric,
            newer.c.period == returned.c.period,
            newer.c.product_category == returned.c.product_category,
            newer.c.revision > returned.c.revision,
        ),
    )


_period = bindparam("period", type_=Date)


def _status_rows(present: frozenset[str]) -> Select[Any]:
    query = select(
        o.id,
        o.legal_name,
        o.kind,
        _period.label("period"),
        bindparam("due_date", type_=Date).label("due_date"),
        _reported_on(_period).label("first_reported_on"),
        _returned(_period).label("returned"),
    ).where(_status == ACTIVE)
    if "organisation_id" in present:
        query = query.where(o.id == bindparam("organisation_id", type_=Uuid))
    return query


def status_fields(row: Any) -> dict[str, Any]:
    """A row as the reporting status answers it (``ReportingStatus``)."""
    return {
        "organisation_id": row["id"],
        "legal_name": row["legal_name"],
        "kind": row["kind"],
        "period": period_text(row["period"]),
        "due_date": row["due_date"],
        "reported_on": row["first_reported_on"],
        "state": state_of(
            first_reported_on=row["first_reported_on"],
            due=row["due_date"],
            returned=row["returned"],
        ),
    }


# Every active organisation (Almalyk MMC and the members) with its month, by name.
REPORTING_STATUS = KeysetList(_status_rows, key=[o.legal_name, o.id], shape=status_fields)

_months = (
    func.unnest(bindparam("periods", type_=ARRAY(Date)), bindparam("due_dates", type_=ARRAY(Date)))
    .table_valued(column("period", Date), column("due_date", Date))
    .render_derived(name="months")
)


# Each active organisation's months of a year, with the day each was first reported.
ON_TIME_BY_ORGANISATION = Query(
    select(
        o.id.label("organisation_id"),
        o.legal_name,
        _months.c.period,
        _months.c.due_date,
        _reported_on(_months.c.period).label("first_reported_on"),
    )
    .select_from(organisations.join(_months, true()))
    .where(_status == ACTIVE)
    .order_by(o.legal_name, o.id, _months.c.period)
)

# The revision a return names, with whether it is still its figure's latest.
_newer = revisions.alias("newer")
RETURNED_REVISION = Query(
    select(
        revisions,
        ~exists()
        .where(
            *(
                _newer.c[name] == r[name]
                for name in ("kind", "organisation_id", "metric", "period", "product_category")
            ),
            _newer.c.revision > r.revision,
        )
        .label("is_latest"),
    ).where(r.id == bindparam("report_id", type_=BigInteger), r.kind == "actual")
)

ADD_RETURN = Query(
    insert(report_returns)
    .values(
        **parameters(
            report_returns,
            ["revision_id", "organisation_id", "period", "reason", "returned_by"],
        ),
        returned_at=func.now(),
    )
    .on_conflict_do_nothing()
    .returning(rr.returned_at)
)

# The reminders a turn sends: one row per active organisation that has not reported the
# period, unless that reminder was sent already (the primary key says so).
SEND_REMINDERS = Query(
    insert(reminders)
    .from_select(
        ["organisation_id", "period", "reminder", "due_date", "sent_at"],
        select(
            o.id,
            _period,
            bindparam("reminder", type_=Text),
            bindparam("due_date", type_=Date),
            func.now(),
        ).where(
            _status == ACTIVE,
            ~exists().where(r.kind == "actual", r.organisation_id == o.id, r.period == _period),
        ),
    )
    .on_conflict_do_nothing()
    .returning(*reminders.c)
)

TODAY = Query(select(cast(func.timezone(_time_zone, func.now()), Date).label("today")))
