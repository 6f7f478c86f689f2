"""The SQL of an import: what rows are checked against, the staging table the valid rows
are copied into, and the statement that makes them revisions and their events.

The events are made in SQL (``Outbox.bulk_statement``) rather than one by one through the
unit of work: per-row round trips would cap the import far below the 20,000 rows/s it must
sustain. Their shape is the ``report.submitted``/``report.revised`` contract, which the
tests check.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    Date,
    Integer,
    MetaData,
    Numeric,
    Table,
    Text,
    Uuid,
    and_,
    bindparam,
    case,
    cast,
    func,
    insert,
    literal,
    literal_column,
    select,
    true,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateTable

from clusterkit.sql import Query
from production import events
from production.imports.rules import COLUMNS
from production.tables import effective_status, organisations, outbox, period_locks, revisions

ORGANISATION_STATUSES = Query(select(organisations.c.id, effective_status().label("status")))
LOCKED_PERIODS = Query(select(period_locks.c.period))

# The valid rows, for this transaction only.
STAGED = Table(
    "import_rows",
    MetaData(),
    Column("row_no", Integer),
    Column("organisation_id", Uuid),
    Column("metric", Text),
    Column("period", Date),
    Column("product_category", Text),
    Column("quantity", Numeric(20, 3)),
    Column("unit", Text),
    Column("note", Text),
    Column("reason", Text),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)
STAGED_COLUMNS = [column.name for column in STAGED.c]
assert ["row_no", *COLUMNS] == STAGED_COLUMNS
STAGE = str(CreateTable(STAGED).compile(dialect=postgresql.dialect()))  # type: ignore[no-untyped-call]
# Row counts for the planner (a temporary table has none), sorts in memory, no JIT: its
# compile time is lost on a statement that runs once.
PLAN = f"ANALYZE {STAGED.name}; SET LOCAL work_mem = '64MB'; SET LOCAL jit = off"
# Gone at commit anyway; dropped when done, so an import inside a larger transaction (the
# tests') leaves none behind.
UNSTAGE = f"DROP TABLE {STAGED.name}"

KEY = ("organisation_id", "metric", "period", "product_category")


def _key_of(table: Any, other: Any) -> Any:
    return and_(*(table.c[name] == other.c[name] for name in KEY))


def _apply() -> Any:
    """The staged rows as revisions (numbered after the latest stored revision of their
    key, in row order) and their events, in one statement."""
    s, r = STAGED.c, revisions.c
    keys = select(*(s[name] for name in KEY)).distinct().cte("keys")
    stored = (
        select(r.revision, r.quantity)
        .where(r.kind == "actual", _key_of(revisions, keys))
        .order_by(r.revision.desc())
        .limit(1)
        .lateral("stored")
    )
    # The latest stored revision of each key the import names: one probe per key, not per
    # row (MATERIALIZED keeps the planner from moving the probe after the join).
    latest = (
        select(
            keys,
            stored.c.revision.label("stored_revision"),
            stored.c.quantity.label("stored_quantity"),
        )
        .select_from(keys.outerjoin(stored, true()))
        .cte("latest")
        .prefix_with("MATERIALIZED")
    )
    partition = [s[name] for name in KEY]
    revision = func.coalesce(latest.c.stored_revision, 0) + func.row_number().over(
        partition_by=partition, order_by=s.row_no
    )
    previous = func.coalesce(
        func.lag(s.quantity).over(partition_by=partition, order_by=s.row_no),
        latest.c.stored_quantity,
    )
    numbered = (
        select(*STAGED.c, revision.label("revision"), previous.label("previous"))
        .join_from(STAGED, latest, _key_of(STAGED, latest))
        .cte("numbered")
    )
    n = numbered.c
    copied = [*COLUMNS, "revision"]
    inserted = insert(revisions).from_select(
        [*copied, "kind", "recorded_at", "recorded_by"],
        select(
            *(n[name] for name in copied),
            literal("actual"),
            func.now(),
            bindparam("recorded_by", type_=Text),
        ),
    )
    data = func.jsonb_build_object(
        *(
            part
            for name, value in (
                ("organisation_id", cast(n.organisation_id, Text)),
                ("metric", n.metric),
                ("period", func.to_char(n.period, "YYYY-MM")),
                ("product_category", func.nullif(n.product_category, "")),
                ("quantity", cast(n.quantity, Text)),
                ("unit", n.unit),
                ("revision", n.revision),
                ("previous_quantity", cast(n.previous, Text)),
                ("reason", n.reason),
                ("recorded_at", func.to_jsonb(func.now())),
            )
            for part in (literal_column(f"'{name}'"), value)
        )
    )
    made = select(
        func.gen_random_uuid().label("event_id"),
        case(
            (n.revision == 1, literal(events.REPORT_SUBMITTED, Text)),
            else_=literal(events.REPORT_REVISED, Text),
        ).label("type"),
        literal(events.contracts.source, Text).label("source"),
        cast(n.organisation_id, Text).label("subject"),
        bindparam("requestid", type_=Text).label("requestid"),
        bindparam("traceparent", type_=Text).label("traceparent"),
        data.label("data"),
    ).order_by(n.row_no)
    return outbox.bulk_statement(made).add_cte(inserted.cte("inserted"))


APPLY = Query(_apply())
