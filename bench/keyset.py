"""The ``keyset`` section of ``./dev bench``: page 1 and page 5,000 of the member registry
(``GET /api/v1/membership/members?limit=200``, ordered by legal name and id) over a
1,000,000-row table, through the service's own cursor API.

The rows go in with one ``INSERT ... SELECT generate_series`` as membership's database
login: an approved application and its member per row (members need their application),
every NOT NULL column filled, then VACUUM ANALYZE as a table in steady use would have been.
Page 5,000's cursor is made as the service makes it (``encode_cursor`` of the last key of
page 4,999, read from the database once). Each page's p50 comes from wrk with one
connection: latency alone, no queueing.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import asdict
from typing import Any

import asyncpg
import httpx
from common import internal_token, raw_dsn, require_clean, settle, wrk

from clusterkit.pagination import encode_cursor
from devstack import Stack

PATH = "/api/v1/membership/members"
LIMIT = 200  # the endpoint's largest page
PAGE = 5_000
TARGET_RATIO = 1.5  # p50(page 5,000) ÷ p50(page 1)

# Row i: 'Member 0000001' ..., STIR 9 followed by i in 8 digits (no demo member has one),
# ids made from i (applications a1..., members a0...) so a re-run makes the same rows.
FILL = """
WITH applications AS (
    INSERT INTO membership.applications (
        id, legal_name, stir, region, sectors, planned_products, requested_cathode_tpy,
        contact, proposal, status, access_token_hash, member_id, submitted_at, updated_at,
        version)
    SELECT ('a1000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
           'Member ' || lpad(i::text, 7, '0'),
           '9' || lpad(i::text, 8, '0'),
           'UZ-TO',
           ARRAY['cable_wire'],
           '[]'::jsonb,
           100,
           '{"name": "A", "email": "a@b.uz", "phone": "+998 71 000 00 00"}'::jsonb,
           'bench',
           'approved',
           sha256(i::text::bytea),
           ('a0000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
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

# An index that ORDER BY legal_name, id can read in order, so that a page is an index range
# (no sort of the table); reported, not required.
INDEX = """
SELECT string_agg(indexname, ', ') FROM pg_indexes
WHERE schemaname = 'membership' AND tablename = 'members' AND indexdef LIKE '%(legal_name, id)'
"""


async def fill(dsn: str, rows: int) -> dict[str, Any]:
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("SET statement_timeout = 0")
        began = time.perf_counter()
        await connection.execute(FILL, rows)
        inserted = time.perf_counter() - began
        for table in ("applications", "members"):
            await connection.execute(f"VACUUM ANALYZE membership.{table}")
        total = await connection.fetchval("SELECT count(*) FROM membership.members")
        # Page 5,000 starts after the key of the 999,800th row: OFFSET here, once, to find
        # it; the service then never counts rows.
        last = await connection.fetchrow(
            "SELECT legal_name, id FROM membership.members ORDER BY legal_name, id "
            "OFFSET $1 LIMIT 1",
            (PAGE - 1) * LIMIT - 1,
        )
        first = await connection.fetchval(
            "SELECT legal_name FROM membership.members ORDER BY legal_name, id OFFSET $1 LIMIT 1",
            (PAGE - 1) * LIMIT,
        )
        index = await connection.fetchval(INDEX)
    finally:
        await connection.close()
    return {
        "rows_inserted": rows,
        "members": total,
        "insert_seconds": round(inserted, 1),
        "fill_seconds": round(time.perf_counter() - began, 1),
        # the cursor's values as the service's page 4,999 would end (UUID as text, as orjson
        # writes it)
        "cursor": encode_cursor(last["legal_name"], str(last["id"])),
        "page_first_name": first,
        "index": index,
    }


def bench_keyset(stack: Stack, rows: int, seconds: int) -> dict[str, Any]:
    if rows < PAGE * LIMIT:
        raise ValueError(f"page {PAGE:,} of {LIMIT} needs at least {PAGE * LIMIT:,} rows")
    print(f"\nkeyset: filling membership.members with {rows:,} rows ...", flush=True)
    filled = asyncio.run(fill(raw_dsn(stack, "membership"), rows))
    headers = {"X-Internal-Token": internal_token(stack, "membership")}
    base = f"{stack.url('membership')}{PATH}?limit={LIMIT}"
    pages = {1: base, PAGE: f"{base}&cursor={filled['cursor']}"}
    # The pages are what they should be: 200 rows each, page 5,000 from row 999,801.
    for page, url in pages.items():
        items = httpx.get(url, headers=headers, timeout=60).raise_for_status().json()["items"]
        if len(items) != LIMIT:
            raise RuntimeError(f"page {page:,}: {len(items)} members, not {LIMIT}")
        if page == PAGE and items[0]["legal_name"] != filled["page_first_name"]:
            raise RuntimeError(
                f"page {PAGE:,} starts at {items[0]['legal_name']!r}, "
                f"not {filled['page_first_name']!r}"
            )
    waited = settle(stack)
    runs = {}
    for page, url in pages.items():
        time.sleep(1)
        runs[page] = require_clean(
            wrk(f"members page {page:,}", url, headers, seconds=seconds, connections=1, threads=1)
        )
    first, deep = runs[1], runs[PAGE]
    ratio = deep.p50_ms / first.p50_ms
    print(
        f"\nkeyset: GET {PATH}?limit={LIMIT} over {filled['members']:,} members (filled in "
        f"{filled['fill_seconds']:.0f} s), wrk 1 connection, {seconds} s per page; "
        f"index on (legal_name, id): {filled['index'] or 'NONE'}\n"
    )
    print(f"{'page':<12} {'p50':>8} {'p99':>8} {'req/s':>7}")
    for page, run in runs.items():
        print(f"{page:<12,} {run.p50_ms:>6.2f}ms {run.p99_ms:>6.2f}ms {run.requests_per_s:>7.0f}")
    print(
        f"p50 page {PAGE:,} ÷ page 1: {ratio:.2f} (target <= {TARGET_RATIO}): "
        f"{'pass' if ratio <= TARGET_RATIO else 'short'}"
    )
    return {
        **{k: v for k, v in filled.items() if k != "page_first_name"},
        "limit": LIMIT,
        "page": PAGE,
        "seconds": seconds,
        "waited_for_outboxes_s": round(waited, 1),
        "page_1": asdict(first),
        f"page_{PAGE}": asdict(deep),
        "ratio_p50": round(ratio, 3),
        "target_ratio": TARGET_RATIO,
        "pass": ratio <= TARGET_RATIO,
    }
