"""Importing many reports: every row checked, then all applied in one transaction or none.

Valid rows are copied (COPY) into a staging table on the unit of work's connection and
become revisions, with their events, in one set-based statement; the deep-processing
updates follow in a second one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from typing import Any

from clusterkit.context import current_request_id
from clusterkit.errors import Busy
from clusterkit.i18n import N_
from clusterkit.tracing import current_traceparent
from clusterkit.unit_of_work import UnitOfWork
from production.domain import SHARE_METRICS
from production.imports import access, queries
from production.imports.formats import rows_of
from production.imports.rules import InvalidImport, Record, RowChecker
from production.kpis.service import publish_share_updates
from production.reports.service import recorded_by

log = logging.getLogger("production.imports")

PROGRESS_EVERY = 50_000


class Upload:
    """The request body, which streams in once. A unit of work run again (after a deadlock)
    cannot read it a second time, and says so rather than import nothing."""

    def __init__(self, chunks: AsyncIterator[bytes]):
        self._chunks: AsyncIterator[bytes] | None = chunks

    def chunks(self) -> AsyncIterator[bytes]:
        chunks, self._chunks = self._chunks, None
        if chunks is None:
            raise Busy(N_("The import met concurrent changes and was not applied; send it again."))
        return chunks


async def import_reports(uow: UnitOfWork, *, upload: Upload, media_type: str) -> dict[str, Any]:
    """Check every row; apply all of them or none (:class:`InvalidImport` naming the rows'
    errors). The summary: rows read, rows applied, seconds taken."""
    access.ensure_may_import(uow.caller)
    started = time.perf_counter()
    checker = RowChecker(
        uow.caller,
        {row["id"]: row["status"] for row in await uow.fetch(queries.ORGANISATION_STATUSES)},
        {row["period"] for row in await uow.fetch(queries.LOCKED_PERIODS)},
        await uow.now(),
    )
    records: list[Record] = []
    rows = 0
    async for number, raw in rows_of(upload.chunks(), media_type):
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
    if checker.error_count:
        raise InvalidImport(
            f"{checker.error_count} rows are not valid; nothing was imported.",
            errors=checker.errors,
            rows=rows,
            error_count=checker.error_count,
        )
    if not records:
        raise InvalidImport("The import has no rows.")
    checked = time.perf_counter()
    await _stage(uow, records)
    copied = time.perf_counter()
    await uow.execute(
        queries.APPLY,
        recorded_by=recorded_by(uow),
        requestid=current_request_id(),
        traceparent=current_traceparent(),
    )
    await uow.connection.execute(queries.UNSTAGE)
    await publish_share_updates(uow, {r[3] for r in records if r[2] in SHARE_METRICS})
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
    return {"rows": rows, "applied": len(records), "seconds": round(seconds, 3)}


async def _stage(uow: UnitOfWork, records: list[Record]) -> None:
    connection = uow.connection
    await connection.execute(queries.STAGE)
    await connection.copy_records_to_table(
        queries.STAGED.name, records=records, columns=queries.STAGED_COLUMNS
    )
    await connection.execute(queries.PLAN)
