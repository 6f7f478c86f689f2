"""Bulk import of reports: CSV (header row) or NDJSON, streamed, every row validated, then
all applied in one transaction or none.

Rows are checked in Python against what is loaded once (organisations, locked periods);
valid rows go to a temporary table with COPY and become revisions, and their events
outbox rows, in two set-based statements. The events are built in SQL here rather than one
by one through the unit of work, because per-row round trips would cap the import far
below the 20,000 rows/s it must sustain; their shape is the same contract
(``report.submitted``/``report.revised``), checked by the tests.
"""

from __future__ import annotations

import csv
import functools
import logging
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import orjson
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from clusterkit.auth import Caller
from clusterkit.context import current_request_id
from clusterkit.legacy import UnitOfWork
from production import events as ev
from production.domain import CATALOGUE, DEEP_PROCESSING_TARGET, Metric, ProductCategory, convert
from production.domain import metric_unit as unit_of
from production.models import effective_status, organisations, period_locks
from production.service import QUANTITY, deep_processing_by_month, period_text

log = logging.getLogger("production.imports")

MAX_ERRORS = 1000
COLUMNS = (
    "organisation_id",
    "metric",
    "period",
    "product_category",
    "quantity",
    "unit",
    "note",
    "reason",
)
METRICS = {m.value: m for m in Metric}
CATEGORIES = {c.value: c for c in ProductCategory}
PROGRESS_EVERY = 50_000


class ImportFormatError(ValueError):
    pass


async def rows_of(
    chunks: AsyncIterator[bytes], media_type: str
) -> AsyncIterator[tuple[int, dict[str, Any]]]:
    """(row number, fields) from a CSV with a header row or from NDJSON, as it streams in.
    Row numbers count data rows from 1, as a spreadsheet user would read them."""
    lines = _lines(chunks)
    if media_type == "text/csv":
        header_line = await anext(lines, None)
        if header_line is None:
            return
        header = [h.strip() for h in next(csv.reader([header_line]))]
        unknown = set(header) - set(COLUMNS)
        if unknown:
            raise ImportFormatError(f"unknown CSV columns: {', '.join(sorted(unknown))}")
        number = 0
        async for line in lines:
            number += 1
            # Most lines have no quoting: a plain split is several times faster than csv.
            values = line.split(",") if '"' not in line else next(csv.reader([line]))
            yield number, dict(zip(header, values, strict=False))
    else:
        number = 0
        async for line in lines:
            number += 1
            try:
                value = orjson.loads(line)
            except orjson.JSONDecodeError:
                yield number, {"__error__": "not a JSON object"}
                continue
            yield number, value if isinstance(value, dict) else {"__error__": "not an object"}


async def _lines(chunks: AsyncIterator[bytes]) -> AsyncIterator[str]:
    rest = b""
    async for chunk in chunks:
        rest += chunk
        *complete, rest = rest.split(b"\n")
        for line in complete:
            if line.strip():
                yield line.decode("utf-8", errors="replace").rstrip("\r")
    if rest.strip():
        yield rest.decode("utf-8", errors="replace").rstrip("\r")


@dataclass
class Checker:
    """What a row is checked against, loaded once per import."""

    caller: Caller
    statuses: dict[uuid.UUID, str]
    locked: set[date]
    this_month: date
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_count: int = 0

    def error(self, row: int, field_name: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"row": row, "field": field_name, "message": message})

    def check(self, number: int, raw: dict[str, Any]) -> tuple[Any, ...] | None:
        """The row as a record for COPY, or None after recording its errors."""
        if "__error__" in raw:
            self.error(number, "row", raw["__error__"])
            return None
        before = self.error_count
        organisation_id = _uuid(raw.get("organisation_id"))
        if organisation_id is None:
            self.error(number, "organisation_id", "not a UUID")
        elif organisation_id not in self.statuses:
            self.error(number, "organisation_id", "no organisation with this id")
        elif not self.caller.is_admin and str(organisation_id) != self.caller.organisation_id:
            self.error(number, "organisation_id", "a key reports only for its own organisation")
        elif self.statuses[organisation_id] != "active":
            self.error(
                number, "organisation_id", f"the organisation is {self.statuses[organisation_id]}"
            )
        metric = METRICS.get(str(raw.get("metric", "")))
        if metric is None:
            self.error(number, "metric", "unknown metric")
        period = _period(raw.get("period"))
        if period is None:
            self.error(number, "period", "a period is YYYY-MM")
        elif period > self.this_month:
            self.error(number, "period", "a period in the future cannot be reported")
        reason = raw.get("reason") or None
        if period in self.locked:
            if not self.caller.is_admin:
                self.error(number, "period", "the period is locked")
            elif not reason:
                self.error(number, "reason", "the period is locked: a correction needs a reason")
        category_value = raw.get("product_category") or None
        category = CATEGORIES.get(str(category_value)) if category_value else None
        if category_value and category is None:
            self.error(number, "product_category", "unknown product category")
        elif metric is not None:
            if CATALOGUE[metric].by_category and category is None:
                self.error(number, "product_category", f"{metric} is reported per category")
            elif category and metric not in (Metric.PRODUCT_OUTPUT, Metric.COPPER_PROCESSED):
                self.error(number, "product_category", f"{metric} has no product categories")
        quantity = _decimal(raw.get("quantity"))
        if quantity is None or quantity < 0:
            self.error(number, "quantity", "not a number ≥ 0")
        unit = str(raw.get("unit") or "")
        converted = None
        if (
            metric is not None
            and quantity is not None
            and (category or not CATALOGUE[metric].by_category)
        ):
            target = unit_of(metric, category)
            converted = convert(quantity, unit, target)
            if converted is None:
                self.error(number, "unit", f"{unit or 'no unit'} does not convert to {target}")
            else:
                unit = target
        if self.error_count != before or converted is None:
            return None
        note = raw.get("note") or None
        return (
            number,
            organisation_id,
            metric.value if metric else None,
            period,
            category.value if category else "",
            converted.quantize(QUANTITY),
            unit,
            note and str(note)[:2000],
            reason and str(reason)[:2000],
        )


def _uuid(value: Any) -> uuid.UUID | None:
    return _parse_uuid(str(value))


def _period(value: Any) -> date | None:
    return _parse_period(str(value or ""))


# An import names a handful of organisations and periods many times over: parse each once.
@functools.lru_cache(maxsize=4096)
def _parse_uuid(text_value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text_value)
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)
def _parse_period(text_value: str) -> date | None:
    if len(text_value) != 7 or text_value[4] != "-":
        return None
    try:
        return date(int(text_value[:4]), int(text_value[5:]), 1)
    except ValueError:
        return None


def _decimal(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


@dataclass
class ImportResult:
    rows: int
    applied: int
    errors: list[dict[str, Any]]
    error_count: int
    seconds: float


APPLY = text("""
WITH keys AS (
    SELECT DISTINCT organisation_id, metric, period, product_category FROM import_rows
), latest AS MATERIALIZED (
    -- the latest stored revision of each key the import names: one probe per key, not per
    -- row (MATERIALIZED keeps the planner from moving the probe after the join)
    SELECT k.*, l.revision AS stored_revision, l.quantity AS stored_quantity
    FROM keys k
    LEFT JOIN LATERAL (
        SELECT f.revision, f.quantity FROM figures f
        WHERE f.kind = 'actual' AND f.organisation_id = k.organisation_id
          AND f.metric = k.metric AND f.period = k.period
          AND f.product_category = k.product_category
        ORDER BY f.revision DESC LIMIT 1
    ) l ON true
), numbered AS (
    SELECT r.*,
           coalesce(l.stored_revision, 0) + row_number() OVER w AS revision,
           coalesce(lag(r.quantity) OVER w, l.stored_quantity) AS previous
    FROM import_rows r
    JOIN latest l USING (organisation_id, metric, period, product_category)
    WINDOW w AS (PARTITION BY r.organisation_id, r.metric, r.period, r.product_category
                 ORDER BY r.row_no)
), inserted AS (
    -- recorded_at is statement_timestamp(): one value for the whole statement, so the
    -- events below carry it without joining back to the inserted rows.
    INSERT INTO figures (kind, organisation_id, metric, period, product_category, quantity,
                         unit, note, reason, revision, recorded_at, recorded_by)
    SELECT 'actual', organisation_id, metric, period, product_category, quantity, unit, note,
           reason, revision, statement_timestamp(), :recorded_by
    FROM numbered
)
INSERT INTO outbox (event_id, topic, type, source, subject, time, requestid, data)
SELECT gen_random_uuid(), :topic,
       CASE WHEN n.revision = 1 THEN :submitted ELSE :revised END,
       :source, n.organisation_id::text, statement_timestamp(), :requestid,
       jsonb_build_object(
           'organisation_id', n.organisation_id::text, 'metric', n.metric,
           'period', to_char(n.period, 'YYYY-MM'),
           'product_category', nullif(n.product_category, ''),
           'quantity', n.quantity::text, 'unit', n.unit, 'revision', n.revision,
           'previous_quantity', n.previous::text, 'reason', n.reason,
           'recorded_at', to_jsonb(statement_timestamp()))
FROM numbered n
ORDER BY n.row_no
""")


async def import_reports(
    uow: UnitOfWork, caller: Caller, chunks: AsyncIterator[bytes], media_type: str
) -> ImportResult:
    """Validate every row; apply all of them (returning the count) or none (errors)."""
    started = time.perf_counter()
    session = uow.session
    checker = await _checker(session, caller)
    records: list[tuple[Any, ...]] = []
    rows = 0
    async for number, raw in rows_of(chunks, media_type):
        rows = number
        record = checker.check(number, raw)
        if record is not None and not checker.error_count:
            records.append(record)
        if number % PROGRESS_EVERY == 0:
            log.info(
                "import progress",
                extra={
                    "rows": number,
                    "errors": checker.error_count,
                    "rows_per_s": round(number / (time.perf_counter() - started)),
                },
            )
    if checker.error_count or not records:
        return ImportResult(
            rows, 0, checker.errors, checker.error_count, time.perf_counter() - started
        )
    checked = time.perf_counter()
    connection = await session.connection()
    raw_connection = (await connection.get_raw_connection()).driver_connection
    assert raw_connection is not None
    await raw_connection.execute(
        "CREATE TEMP TABLE import_rows (row_no int, organisation_id uuid, metric text, "
        "period date, product_category text, quantity numeric(20, 3), unit text, note text, "
        "reason text) ON COMMIT DROP"
    )
    await raw_connection.copy_records_to_table(
        "import_rows", records=records, columns=["row_no", *COLUMNS]
    )
    # Row counts for the planner (a temp table has none), sorts in memory, no JIT: its
    # compile time is lost on a statement that runs once.
    await raw_connection.execute(
        "ANALYZE import_rows; SET LOCAL work_mem = '64MB'; SET LOCAL jit = off"
    )
    copied = time.perf_counter()
    await session.execute(
        APPLY,
        {
            "recorded_by": caller.key_id or caller.role,
            "topic": ev.contracts.topic,
            "submitted": ev.REPORT_SUBMITTED,
            "revised": ev.REPORT_REVISED,
            "source": ev.contracts.source,
            "requestid": current_request_id(),
        },
    )
    await _share_updates(
        uow, {r[3] for r in records if r[2] in (Metric.COPPER_PROCESSED, Metric.CATHODE_OUTPUT)}
    )
    seconds = time.perf_counter() - started
    log.info(
        "import applied",
        extra={
            "rows": rows,
            "rows_per_s": round(rows / seconds),
            "check_s": round(checked - started, 3),
            "copy_s": round(copied - checked, 3),
            "apply_s": round(time.perf_counter() - copied, 3),
        },
    )
    return ImportResult(rows, len(records), [], 0, seconds)


async def _checker(session: AsyncSession, caller: Caller) -> Checker:
    statuses = {
        row.id: row.status
        for row in (
            await session.execute(select(organisations.c.id, effective_status().label("status")))
        ).all()
    }
    locked = set((await session.execute(select(period_locks.c.period))).scalars())
    return Checker(caller, statuses, locked, datetime.now(UTC).date().replace(day=1))


async def _share_updates(uow: UnitOfWork, periods: set[date]) -> None:
    if not periods:
        return
    now = datetime.now(UTC)
    for period, month in sorted(
        (await deep_processing_by_month(uow.session, sorted(periods))).items()
    ):
        uow.publish(
            ev.contracts.event(
                ev.DEEP_PROCESSING_UPDATED,
                ev.DeepProcessingUpdated(
                    period=period_text(period),
                    copper_processed_t=month.processed,
                    cathode_output_t=month.cathode,
                    share=month.share,
                    target=DEEP_PROCESSING_TARGET,
                    occurred_at=now,
                ),
            )
        )
