"""The ``exports`` section of ``./dev bench``: the member registry as CSV and as XLSX
(``GET /api/v1/membership/members?region=UZ-XO&format=csv|xlsx``, direct, an admin's
internal token: every column), 100,000 rows each, with rows/s and the service's peak RSS.

The rows go in with one ``INSERT ... SELECT generate_series`` as membership's database
login (an approved application and its member per row, as the keyset section makes them,
in a region no demo member is in), then VACUUM ANALYZE. Each file is downloaded whole
(to a file, counted), while a thread reads the membership process's VmRSS every 20 ms;
"added" is the peak over the resident memory right before the first export (a process
keeps what it once took, so the second export's peak is over the first's too). The files are
checked: CSV has a line per member and the header, XLSX opens (openpyxl) with as many rows.
Memory is flat when the export adds no more than ``TARGET_ADDED_MB`` whatever the rows.
"""

from __future__ import annotations

import asyncio
import csv
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import openpyxl
from common import internal_token, raw_dsn, rss_mb, settle

from clusterkit.infra.process import read_pid
from devstack import SERVICES, Stack

PATH = "/api/v1/membership/members"
REGION = "UZ-XO"  # Xorazm: no demo member is there
TARGET_ADDED_MB = 64.0

# Row i: 'Export 000001' ..., STIR 6 then i in 8 digits, ids made from i (applications
# e1..., members e0...).
FILL = """
WITH applications AS (
    INSERT INTO membership.applications (
        id, legal_name, stir, region, sectors, planned_products, requested_cathode_tpy,
        contact, proposal, status, access_token_hash, member_id, submitted_at, updated_at,
        version)
    SELECT ('e1000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
           'Export ' || lpad(i::text, 6, '0'),
           '6' || lpad(i::text, 8, '0'),
           $2,
           ARRAY['cable_wire', 'pipes'],
           '[{"hs_code": "7408.11", "description": "Copper wire",
              "annual_capacity": {"quantity": "1000", "unit": "TNE"}}]'::jsonb,
           100 + i % 1000,
           '{"name": "A", "email": "a@b.uz", "phone": "+998 71 000 00 00"}'::jsonb,
           'bench',
           'approved',
           sha256(i::text::bytea),
           ('e0000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
           now(),
           now(),
           1
    FROM generate_series(1, $1) AS i
    RETURNING id, member_id, legal_name, stir, region, sectors, planned_products, contact,
              requested_cathode_tpy
)
INSERT INTO membership.members (
    id, application_id, legal_name, stir, region, sectors, planned_products, contact,
    cathode_quota_tpy, admitted_at, updated_at, version)
SELECT member_id, id, legal_name, stir, region, sectors, planned_products, contact,
       requested_cathode_tpy, now(), now(), 1
FROM applications
"""


async def fill(dsn: str, rows: int) -> int:
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("SET statement_timeout = 0")
        await connection.execute(FILL, rows, REGION)
        for table in ("applications", "members"):
            await connection.execute(f"VACUUM ANALYZE membership.{table}")
        total: int = await connection.fetchval(
            "SELECT count(*) FROM membership.members WHERE region = $1", REGION
        )
        return total
    finally:
        await connection.close()


class PeakRss:
    """The highest VmRSS of a process while the block runs, sampled by a thread."""

    def __init__(self, pid: int, every_s: float = 0.02):
        self.pid = pid
        self.every_s = every_s
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, rss_mb(self.pid))
            self._stop.wait(self.every_s)

    def __enter__(self) -> PeakRss:
        self.before_mb = rss_mb(self.pid)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, rss_mb(self.pid))


def download(url: str, headers: dict[str, str], into: Path) -> tuple[float, float, int]:
    """Seconds to the first byte and to the last, and the bytes, of one export."""
    began = time.perf_counter()
    first = 0.0
    size = 0
    with (
        httpx.stream("GET", url, headers=headers, timeout=600) as response,
        into.open("wb") as out,
    ):
        response.raise_for_status()
        for chunk in response.iter_bytes():
            if not first:
                first = time.perf_counter() - began
            size += len(chunk)
            out.write(chunk)
    return first, time.perf_counter() - began, size


def rows_in(path: Path, format: str) -> int:
    if format == "csv":
        with path.open(encoding="utf-8-sig", newline="") as text:
            return sum(1 for _ in csv.reader(text)) - 1
    book = openpyxl.load_workbook(path, read_only=True)
    return sum(sheet.max_row - 1 for sheet in book.worksheets)


def bench_exports(stack: Stack, rows: int) -> dict[str, Any]:
    print(f"\nexports: filling membership.members with {rows:,} rows ...", flush=True)
    members = asyncio.run(fill(raw_dsn(stack, "membership"), rows))
    service = next(s for s in SERVICES if s.name == "membership")
    pid = read_pid(stack.pid_file(service))
    if pid is None:
        raise RuntimeError("membership is not running")
    headers = {"X-Internal-Token": internal_token(stack, "membership")}
    waited = settle(stack)
    results: dict[str, Any] = {"rows": members, "waited_for_outboxes_s": round(waited, 1)}
    print(
        f"\nexports: GET {PATH}?region={REGION}&format=... ({members:,} members, every "
        "column: an admin's), direct\n"
    )
    print(
        f"{'format':<7} {'seconds':>8} {'first byte':>10} {'rows/s':>9} {'MB':>7} "
        f"{'RSS before':>10} {'peak':>8} {'added':>8}  verdict"
    )
    before_mb = rss_mb(pid)
    with tempfile.TemporaryDirectory(prefix="copper-export-") as folder:
        for format in ("csv", "xlsx"):
            url = f"{stack.url('membership')}{PATH}?region={REGION}&format={format}"
            into = Path(folder) / f"members.{format}"
            time.sleep(1)
            with PeakRss(pid) as rss:
                first, seconds, size = download(url, headers, into)
            got = rows_in(into, format)
            if got != members:
                raise RuntimeError(f"{format}: {got:,} rows in the file, not {members:,}")
            added = rss.peak_mb - before_mb
            ok = added <= TARGET_ADDED_MB
            print(
                f"{format:<7} {seconds:>8.2f} {first:>9.2f}s {members / seconds:>9,.0f} "
                f"{size / 2**20:>7.1f} {rss.before_mb:>8.1f}MB {rss.peak_mb:>6.1f}MB "
                f"{added:>6.1f}MB  {'pass' if ok else 'short'}"
            )
            results[format] = {
                "seconds": round(seconds, 3),
                "first_byte_s": round(first, 3),
                "rows_per_s": round(members / seconds),
                "bytes": size,
                "rss_before_mb": round(rss.before_mb, 1),
                "rss_peak_mb": round(rss.peak_mb, 1),
                "rss_added_mb": round(added, 1),
                "target_added_mb": TARGET_ADDED_MB,
                "pass": ok,
            }
    return results
