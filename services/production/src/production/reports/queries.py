"""The SQL of reports, and of the revisions reports and plans are kept as.

A new revision is numbered after the latest stored one of its key in the statement that
inserts it (``INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING``): no lock and no
read before. When a concurrent transaction took the same number first, the statement waits
for it, inserts nothing for that key, and the next statement (a new snapshot) numbers the
revision after the one that committed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    Numeric,
    Select,
    Text,
    Uuid,
    bindparam,
    column,
    exists,
    func,
    literal_column,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY, distinct_on, insert
from sqlalchemy.sql.elements import ColumnElement

from clusterkit.listing import KeysetList
from clusterkit.sql import Query, Row, parameters
from production.periods.rules import period_text
from production.tables import effective_status, organisations, period_locks, revisions

r = revisions.c
KEY = (r.organisation_id, r.metric, r.period, r.product_category)


def latest_revisions(kind: str | ColumnElement[str], *, as_of: bool = False) -> Select[Any]:
    """The latest revision of every key of ``kind`` (recorded up to ``:as_of`` if asked),
    read in the order of the key's unique index."""
    query = (
        select(revisions)
        .ext(distinct_on(*KEY))
        .where(r.kind == kind)
        .order_by(*KEY, r.revision.desc())
    )
    if as_of:
        query = query.where(r.recorded_at <= bindparam("as_of", type_=DateTime(timezone=True)))
    return query


# What a report is checked against, in one round trip: the transaction's time, the
# organisation's status (NULL: no such organisation) and whether the period is locked.
REPORT_STATE = Query(
    select(
        func.now().label("now"),
        select(effective_status())
        .where(organisations.c.id == bindparam("organisation_id", type_=Uuid))
        .scalar_subquery()
        .label("status"),
        exists().where(period_locks.c.period == bindparam("period", type_=Date)).label("locked"),
    )
)


def _add_revisions() -> Any:
    """New revisions of one organisation's metric (and category) for the periods given,
    each with the quantity it replaces (``previous_quantity``)."""
    given = (
        func.unnest(
            bindparam("periods", type_=ARRAY(Date)),
            bindparam("quantities", type_=ARRAY(Numeric(20, 3))),
        )
        .table_valued(column("period", Date), column("quantity", Numeric(20, 3)))
        .render_derived(name="given")
    )
    same_key = parameters(revisions, ["kind", "organisation_id", "metric", "product_category"])
    latest = (
        select(r.revision, r.quantity)
        .where(*(r[name] == value for name, value in same_key.items()), r.period == given.c.period)
        .order_by(r.revision.desc())
        .limit(1)
        .lateral("latest")
    )
    numbered = (
        select(
            given.c.period,
            given.c.quantity,
            func.coalesce(latest.c.revision, 0).label("latest_revision"),
            latest.c.quantity.label("previous_quantity"),
        )
        .select_from(given.outerjoin(latest, true()))
        .cte("numbered")
    )
    n = numbered.c
    fixed = parameters(revisions, ["unit", "note", "reason", "recorded_by"])
    added = (
        insert(revisions)
        .from_select(
            [*same_key, *fixed, "period", "quantity", "revision", "recorded_at"],
            select(
                *same_key.values(),
                *fixed.values(),
                n.period,
                n.quantity,
                n.latest_revision + literal_column("1"),
                func.now(),
            ),
        )
        .on_conflict_do_nothing()
        .returning(*revisions.c)
        .cte("added")
    )
    return select(added, n.previous_quantity).join(numbered, n.period == added.c.period)


ADD_REVISIONS = Query(_add_revisions())

HISTORY = Query(
    select(revisions)
    .where(
        r.kind == "actual",
        *(
            column == bindparam(column.name, type_=column.type)
            for column in (r.organisation_id, r.metric, r.period, r.product_category)
        ),
    )
    .order_by(r.revision)
)


def report_fields(row: Row) -> dict[str, Any]:
    """A stored revision as the API answers it (``Figure``)."""
    return {
        "id": row["id"],
        "organisation_id": row["organisation_id"],
        "metric": row["metric"],
        "period": period_text(row["period"]),
        "product_category": row["product_category"] or None,
        "quantity": row["quantity"],
        "unit": row["unit"],
        "note": row["note"],
        "reason": row["reason"],
        "revision": row["revision"],
        "recorded_at": row["recorded_at"],
        "recorded_by": row["recorded_by"],
    }


def _latest_figures(kind: str, present: frozenset[str]) -> Select[Any]:
    latest = latest_revisions(kind, as_of="as_of" in present)
    if "organisation_id" in present:
        latest = latest.where(r.organisation_id == bindparam("organisation_id", type_=Uuid))
    if "metric" in present:
        latest = latest.where(r.metric == bindparam("metric", type_=Text))
    if "period_from" in present:
        latest = latest.where(r.period >= bindparam("period_from", type_=Date))
    if "period_to" in present:
        latest = latest.where(r.period <= bindparam("period_to", type_=Date))
    return select(latest.subquery("latest"))


def latest_figures(kind: str) -> KeysetList:
    """The latest figures of ``kind`` (reports: ``actual``; plans: ``plan``), by key. The
    key is named by its columns' names alone: they are the columns of the subquery
    ``latest`` each shape makes."""
    return KeysetList(
        lambda present: _latest_figures(kind, present),
        key=[
            column("organisation_id", Uuid),
            column("metric", Text),
            column("period", Date),
            column("product_category", Text),
        ],
        shape=report_fields,
    )


LATEST_REPORTS = latest_figures("actual")
