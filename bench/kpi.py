"""The ``kpi`` section of ``./dev bench``: the deep-processing KPI
(``GET /api/v1/production/kpis/deep-processing?year=Y``, direct, admin's internal token)
over 1,000,000 report revisions, next to the same aggregate as one hand-written SQL
statement (``DEEP_PROCESSING``) run with asyncpg.

The revisions go in with one ``INSERT ... SELECT generate_series`` as production's database
login, all in ``YEAR``: 1,000 member organisations (inserted into production's
organisations as the membership projection would have them: kind member, active) report
``copper_processed`` in two product categories a month, 40 revisions per key (960,000
rows); AMMC reports ``cathode_output``, the rest (40,000 rows, ~3,333 revisions a month).
Then VACUUM ANALYZE. Both sides are timed the same way, from the client: p50 of
``samples`` sequential calls, after one untimed call each.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
from common import internal_token, raw_dsn, settle

from devstack import Stack
from production.domain import AMMC_ID, ProductCategory

YEAR = 2023  # neither demo data (2024, 2025) nor other sections report copper this year
ORGANISATIONS = 1_000
KEYS_PER_ORGANISATION = 24  # 12 months x 2 product categories (FIGURES_FILL)
MEMBER_SHARE = 0.96  # of the rows: members' copper_processed; the rest AMMC's cathode
TARGET_RATIO = 1.5  # p50 service ÷ p50 raw SQL
SHARE = Decimal("0.0001")  # the service's rounding of ratios (production.domain.SHARE)

ORGANISATIONS_FILL = """
INSERT INTO production.organisations
    (id, kind, legal_name, stir, region, sectors, status, updated_at)
SELECT ('b0000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
       'member', 'Bench Processor ' || lpad(n::text, 4, '0'), '8' || lpad(n::text, 8, '0'),
       'UZ-TO', ARRAY['cable_wire'], 'active', now()
FROM generate_series(0, $1 - 1) AS n
"""

# $1 year, $2 member rows, $3 member keys (organisation x month x category), $4 categories,
# $5 AMMC, $6 AMMC rows, $7 AMMC's highest revision this year so far (an import run before
# may have reported cathode in any month). Member row i is revision i / keys + 1 of key
# i % keys; quantities are small deterministic numbers (~5 t per member and category a
# month, ~12,000 t of cathode), so the share is in the tens of percent like the real one.
FIGURES_FILL = """
INSERT INTO production.figures
    (kind, organisation_id, metric, period, product_category, quantity, unit, revision,
     recorded_at, recorded_by)
SELECT 'actual', organisation_id, metric, make_date($1, month, 1), category, quantity, 'TNE',
       revision, now(), 'bench'
FROM (
    SELECT ('b0000000-0000-4000-8000-' || lpad(to_hex(k / 24), 12, '0'))::uuid,
           'copper_processed',
           (k % 24) / 2 + 1,
           ($4::text[])[(k / 24 + (k % 2) * 3) % cardinality($4::text[]) + 1],
           ((i::bigint * 7919) % 1000 + 1)::numeric / 100,
           i / $3 + 1
    FROM generate_series(0, $2 - 1) AS i, LATERAL (SELECT i % $3 AS k) AS key
    UNION ALL
    SELECT $5::uuid, 'cathode_output', j % 12 + 1, '', 10000 + (j::bigint * 7919) % 4000,
           $7 + j / 12 + 1
    FROM generate_series(0, $6 - 1) AS j
) AS bench (organisation_id, metric, month, category, quantity, revision)
"""

# The KPI in one statement, the service's own (production.kpis.queries.DEEP_PROCESSING) written by
# hand: the latest revision of each key of the months asked (DISTINCT ON the key, highest
# revision first, whole rows as latest_figures takes them), members' copper_processed and
# AMMC's cathode_output, summed per month, per product category and per member (GROUPING
# SETS; in each row the other groupings' columns are NULL). The totals and shares are the
# month sums added and divided in Python, rounded as the service rounds them. What it
# leaves out of the service's answer: the active members that did not report (a second,
# small query there).
DEEP_PROCESSING = """
SELECT latest.metric, latest.period, latest.product_category, latest.organisation_id,
       sum(latest.quantity) AS quantity
FROM (
    SELECT DISTINCT ON (organisation_id, metric, period, product_category) *
    FROM production.figures
    WHERE kind = 'actual' AND period BETWEEN $1::date AND $2::date
      AND metric IN ('copper_processed', 'cathode_output')
    ORDER BY organisation_id, metric, period, product_category, revision DESC
) AS latest
JOIN production.organisations ON organisations.id = latest.organisation_id
WHERE (latest.metric = 'cathode_output' AND latest.organisation_id = $3::uuid)
   OR (latest.metric = 'copper_processed' AND organisations.kind = 'member')
GROUP BY GROUPING SETS ((latest.metric, latest.period),
                        (latest.metric, latest.product_category),
                        (latest.metric, latest.organisation_id))
"""


def _share(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    return (numerator / denominator).quantize(SHARE) if denominator else None


def shares(rows: list[asyncpg.Record]) -> dict[str, Any]:
    """The raw statement's rows as the service's answer has them (its shares only)."""
    processed: dict[date, Decimal] = {}
    cathode: dict[date, Decimal] = {}
    by_category: dict[str, Decimal] = {}
    by_member: dict[str, Decimal] = {}
    for r in rows:
        copper = r["metric"] == "copper_processed"
        if r["period"] is not None:
            (processed if copper else cathode)[r["period"]] = r["quantity"]
        elif not copper:  # AMMC's cathode has no categories or members to break down
            continue
        elif r["product_category"] is not None:
            by_category[r["product_category"] or "unspecified"] = r["quantity"]
        else:
            by_member[str(r["organisation_id"])] = r["quantity"]
    total_processed = sum(processed.values(), Decimal(0))
    total_cathode = sum(cathode.values(), Decimal(0))
    return {
        "share": _share(total_processed, total_cathode),
        "copper_processed_t": total_processed,
        "cathode_output_t": total_cathode,
        "by_month": {
            period.strftime("%Y-%m"): _share(processed.get(period, Decimal(0)), cathode[period])
            for period in sorted(cathode)
        },
        "by_category": by_category,
        "by_member": by_member,
    }


def service_shares(answer: dict[str, Any]) -> dict[str, Any]:
    return {
        "share": Decimal(answer["share"]) if answer["share"] is not None else None,
        "copper_processed_t": Decimal(answer["copper_processed_t"]),
        "cathode_output_t": Decimal(answer["cathode_output_t"]),
        "by_month": {
            m["period"]: Decimal(m["share"]) if m["share"] is not None else None
            for m in answer["by_month"]
        },
        "by_category": {
            c["product_category"]: Decimal(c["copper_processed_t"]) for c in answer["by_category"]
        },
        "by_member": {
            m["organisation_id"]: Decimal(m["copper_processed_t"])
            for m in answer.get("by_member") or []
        },
    }


async def timed(samples: int, call: Callable[[], Awaitable[Any]]) -> tuple[list[float], Any]:
    """One untimed call (plans, caches), then ``samples`` timed ones: ms, and the answer."""
    answer = await call()
    times = []
    for _ in range(samples):
        began = time.perf_counter()
        answer = await call()
        times.append((time.perf_counter() - began) * 1000)
    return times, answer


async def fill(stack: Stack, rows: int) -> dict[str, Any]:
    keys = ORGANISATIONS * KEYS_PER_ORGANISATION
    member_rows = int(rows * MEMBER_SHARE) // keys * keys  # whole revisions of every key
    ammc_rows = rows - member_rows
    connection = await asyncpg.connect(raw_dsn(stack, "production"))
    # asyncpg prepares the statement; from the sixth run Postgres may switch to a generic
    # plan, and for a date range it chose a parallel scan and an on-disk sort of every
    # revision (1.8 s instead of 0.25 s). Planned for its values each time, as the SQL
    # would be written by hand.
    await connection.execute("SET plan_cache_mode = force_custom_plan")
    try:
        await connection.execute("SET statement_timeout = 0")
        began = time.perf_counter()
        await connection.execute(ORGANISATIONS_FILL, ORGANISATIONS)
        highest = await connection.fetchval(
            "SELECT coalesce(max(revision), 0) FROM production.figures WHERE kind = 'actual' "
            "AND organisation_id = $1 AND metric = 'cathode_output' "
            "AND period >= $2 AND period < $3",
            AMMC_ID,
            date(YEAR, 1, 1),
            date(YEAR + 1, 1, 1),
        )
        await connection.execute(
            FIGURES_FILL,
            YEAR,
            member_rows,
            keys,
            [c.value for c in ProductCategory],
            AMMC_ID,
            ammc_rows,
            highest,
        )
        inserted = time.perf_counter() - began
        await connection.execute("VACUUM ANALYZE production.figures")
        await connection.execute("VACUUM ANALYZE production.organisations")
        in_table = await connection.fetchval("SELECT count(*) FROM production.figures")
    finally:
        await connection.close()
    return {
        "rows_inserted": rows,
        "member_rows": member_rows,
        "ammc_rows": ammc_rows,
        "organisations": ORGANISATIONS,
        "keys": keys + 12,
        "figures_in_table": in_table,
        "insert_seconds": round(inserted, 1),
        "fill_seconds": round(time.perf_counter() - began, 1),
    }


async def measure(stack: Stack, samples: int) -> dict[str, Any]:
    url = f"{stack.url('production')}/api/v1/production/kpis/deep-processing"
    headers = {"X-Internal-Token": internal_token(stack, "production")}
    periods = [date(YEAR, month, 1) for month in range(1, 13)]
    connection = await asyncpg.connect(raw_dsn(stack, "production"))
    # asyncpg prepares the statement; from the sixth run Postgres may switch to a generic
    # plan, and for a date range it chose a parallel scan and an on-disk sort of every
    # revision (1.8 s instead of 0.25 s). Planned for its values each time, as the SQL
    # would be written by hand.
    await connection.execute("SET plan_cache_mode = force_custom_plan")
    try:
        async with httpx.AsyncClient(headers=headers, timeout=120) as client:

            async def service() -> dict[str, Any]:
                response = await client.get(url, params={"year": YEAR})
                response.raise_for_status()
                answer: dict[str, Any] = response.json()
                return answer

            async def raw() -> list[asyncpg.Record]:
                rows: list[asyncpg.Record] = await connection.fetch(
                    DEEP_PROCESSING, periods[0], periods[-1], AMMC_ID
                )
                return rows

            service_ms, answer = await timed(samples, service)
            raw_ms, records = await timed(samples, raw)
    finally:
        await connection.close()
    return {
        "service_ms": service_ms,
        "raw_ms": raw_ms,
        "service": service_shares(answer),
        "raw": shares(records),
    }


def bench_kpi(stack: Stack, rows: int, samples: int) -> dict[str, Any]:
    print(f"\nkpi: filling production.figures with {rows:,} revisions in {YEAR} ...", flush=True)
    filled = asyncio.run(fill(stack, rows))
    waited = settle(stack)  # the import's events, if it ran before
    result = asyncio.run(measure(stack, samples))
    service, raw = result["service"], result["raw"]
    if service != raw:
        differing = sorted(k for k in service if service[k] != raw[k])
        raise RuntimeError(
            f"deep processing {YEAR}: the service and the raw SQL disagree on {differing}: "
            f"share {service['share']} vs {raw['share']}"
        )
    service_p50 = statistics.median(result["service_ms"])
    raw_p50 = statistics.median(result["raw_ms"])
    ratio = service_p50 / raw_p50
    print(
        f"\nkpi: GET /api/v1/production/kpis/deep-processing?year={YEAR} (direct) over "
        f"{filled['figures_in_table']:,} figures ({rows:,} revisions of {filled['keys']:,} keys "
        f"in {YEAR}, filled in {filled['fill_seconds']:.0f} s) vs the raw SQL aggregate; "
        f"p50 of {samples} sequential calls each\n"
    )
    print(f"{'path':<32} {'p50':>9} {'min':>9} {'max':>9}  share")
    for label, times in (("service (HTTP, JSON)", "service_ms"), ("raw SQL (asyncpg)", "raw_ms")):
        ms = result[times]
        share = service["share"] if label.startswith("service") else raw["share"]
        print(
            f"{label:<32} {statistics.median(ms):>7.1f}ms {min(ms):>7.1f}ms "
            f"{max(ms):>7.1f}ms  {share}"
        )
    print(
        f"service ÷ raw: {ratio:.2f} (target <= {TARGET_RATIO}): "
        f"{'pass' if ratio <= TARGET_RATIO else 'short'}; the two answers agree (share, "
        f"12 months, {len(raw['by_category'])} categories, {len(raw['by_member']):,} members)"
    )
    return {
        "year": YEAR,
        **filled,
        "waited_for_outboxes_s": round(waited, 1),
        "samples": samples,
        "service_p50_ms": round(service_p50, 1),
        "raw_p50_ms": round(raw_p50, 1),
        "service_ms": [round(t, 1) for t in result["service_ms"]],
        "raw_ms": [round(t, 1) for t in result["raw_ms"]],
        "share": str(service["share"]),
        "share_raw": str(raw["share"]),
        "ratio": round(ratio, 3),
        "target_ratio": TARGET_RATIO,
        "pass": ratio <= TARGET_RATIO,
    }
