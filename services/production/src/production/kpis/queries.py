"""The SQL of the KPIs: the latest revisions of the periods asked, summed in Postgres where
a breakdown needs only sums (deep processing), read whole where Python buckets them."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Date, Select, Text, Uuid, bindparam, func, literal, select, tuple_
from sqlalchemy.dialects.postgresql import ARRAY

from clusterkit.member_projection import ACTIVE
from clusterkit.sql import Query
from production.domain import AMMC_ID, Metric
from production.reports.queries import latest_revisions
from production.tables import effective_status, organisations, revisions

r = revisions.c
o = organisations.c
SHARE_METRICS = [literal(Metric.COPPER_PROCESSED.value), literal(Metric.CATHODE_OUTPUT.value)]
_from = bindparam("period_from", type_=Date)
_to = bindparam("period_to", type_=Date)


def _latest_between(present: frozenset[str]) -> Select[Any]:
    """The latest revisions of ``:kind`` from ``:period_from`` to ``:period_to``, of one
    organisation or metric if given."""
    query = latest_revisions(bindparam("kind", type_=Text), as_of="as_of" in present).where(
        r.period >= _from, r.period <= _to
    )
    if "organisation_id" in present:
        query = query.where(r.organisation_id == bindparam("organisation_id", type_=Uuid))
    if "metric" in present:
        query = query.where(r.metric == bindparam("metric", type_=Text))
    return query


LATEST_BETWEEN = Query(_latest_between, shaped=True)


def _counted(latest: Any) -> Any:
    """What counts in the share: AMMC's cathode output and members' processed copper."""
    k = latest.c
    return (
        (k.metric == Metric.CATHODE_OUTPUT.value) & (k.organisation_id == uuid.UUID(AMMC_ID))
    ) | ((k.metric == Metric.COPPER_PROCESSED.value) & (o.kind == "member"))


def _deep_processing(present: frozenset[str]) -> Select[Any]:
    # Summed in Postgres, one grouping per breakdown: a handful of rows come back however
    # many revisions there are. In each row the columns of the other groupings are NULL.
    latest = (
        latest_revisions("actual", as_of="as_of" in present)
        .where(r.period >= _from, r.period <= _to, r.metric.in_(SHARE_METRICS))
        .subquery()
    )
    k = latest.c
    return (
        select(
            k.metric,
            k.period,
            k.product_category,
            k.organisation_id,
            func.min(o.legal_name).label("legal_name"),
            func.sum(k.quantity).label("quantity"),
        )
        .join(organisations, o.id == k.organisation_id)
        .where(_counted(latest))
        .group_by(
            func.grouping_sets(
                tuple_(k.metric, k.period),
                tuple_(k.metric, k.product_category),
                tuple_(k.metric, k.organisation_id),
            )
        )
    )


DEEP_PROCESSING = Query(_deep_processing, shaped=True)

ACTIVE_MEMBERS = Query(
    select(o.id, o.legal_name)
    .where(o.kind == "member", effective_status() == ACTIVE)
    .order_by(o.legal_name)
)


def _month_sums() -> Select[Any]:
    """Processed copper and cathode output of each of ``:periods``, as they are now."""
    latest = (
        latest_revisions("actual")
        .where(
            r.period == func.any(bindparam("periods", type_=ARRAY(Date))),
            r.metric.in_(SHARE_METRICS),
        )
        .subquery()
    )
    k = latest.c
    return (
        select(k.period, k.metric, func.sum(k.quantity).label("quantity"))
        .join(organisations, o.id == k.organisation_id)
        .where(_counted(latest))
        .group_by(k.period, k.metric)
    )


MONTH_SUMS = Query(_month_sums())
