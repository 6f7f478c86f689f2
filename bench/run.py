"""``./dev bench``: benchmarks on loopback with wrk, printed as tables (one per section, then
one summary of every figure) and written as JSON to ``bench/results/latest.json``. Starts
its own platform (as ``./dev up`` does, on free ports) and throws it away afterwards.

Sections, in the order they run (``--skip SECTION`` leaves one out):

- memory: each service's resident memory right after start (idle) and after every load
  section (taken at the start and at the end of the run);
- gateway: the same endpoints called directly (with the internal token) and through the
  gateway (with an API key, rate limiting on);
- tracing: the gateway section's ratio with tracing off and on (Jaeger running, every
  service exporting its spans over OTLP/HTTP), in the same run (``bench/tracing.py``);
- endpoints: each service's main list and create endpoint next to a raw asyncpg + orjson
  reference of the same SQL (``bench/endpoints.py``, ``bench/references.py``);
- events: end-to-end latency from a membership outbox commit to the supply and production
  projections at a steady rate, and the outbox relay draining a backlog next to a bare
  Kafka producer (``bench/events_bench.py``);
- import: rows/s of the production bulk import next to a raw COPY of the same rows;
- keyset: page 1 vs page 5,000 of the member registry over 1,000,000 members
  (``bench/keyset.py``);
- kpi: the deep-processing KPI over 1,000,000 report revisions vs the same aggregate in
  one SQL statement (``bench/kpi.py``);
- exports: the member registry as CSV and as XLSX, 100,000 rows each: rows/s and the
  service's peak resident memory (``bench/exports.py``);
- ha (only with ``--ha``, run after import): the member list and an application with an
  Idempotency-Key through HAProxy with two instances (a second platform, ``--brokers 3
  --instances 2``) against one instance direct (``bench/ha.py``); informational.

``--only SECTION`` (repeatable) runs just those sections.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy" / "local"))

from common import (  # noqa: E402
    GATEWAY_ENDPOINTS,
    direct_and_gateway,
    internal_token,
    print_table,
    rss_mb,
)
from endpoints import ROUNDS, bench_endpoints  # noqa: E402
from events_bench import bench_events  # noqa: E402
from exports import bench_exports  # noqa: E402
from ha import bench_ha  # noqa: E402
from keyset import bench_keyset  # noqa: E402
from kpi import bench_kpi  # noqa: E402
from summary import summary  # noqa: E402
from tracing import bench_tracing  # noqa: E402

from clusterkit.infra.process import read_pid  # noqa: E402
from devstack import SERVICES, Stack  # noqa: E402
from production.domain import AMMC_ID  # noqa: E402

SECTIONS = (
    "memory", "gateway", "tracing", "endpoints", "events", "import", "ha", "keyset", "kpi",
    "exports",
)  # fmt: skip
OPTIONAL = {"ha"}  # off unless asked for (--ha or --only ha)
WRK_SECTIONS = {"gateway", "tracing", "endpoints", "keyset", "ha"}
CHOICES = {"skip", "only", "ha", "out", "merge"}  # what ran, not how: not in "settings"


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    print("installing wrk (Debian package)...", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)


def bench_gateway(stack: Stack, seconds: int, connections: int) -> list[dict[str, object]]:
    """The same endpoints directly (internal token) and through the gateway (API key)."""
    runs = direct_and_gateway(stack, seconds, connections)
    print(
        f"\ngateway: wrk, {connections} connections, {seconds} s each; 2 cores shared by "
        "wrk, gateway, service and Postgres\n"
    )
    header = (
        f"{'endpoint':<40} {'direct r/s':>10} {'gateway r/s':>11} {'ratio':>6} "
        f"{'target':>6} {'p99 direct':>10} {'p99 gw':>7} {'added p99':>9}  verdict"
    )
    print(header)
    print("-" * len(header))
    results: list[dict[str, object]] = []
    for label, (_, target) in GATEWAY_ENDPOINTS.items():
        a, b = runs[label]
        ratio = b.requests_per_s / a.requests_per_s if a.requests_per_s else 0.0
        added = b.p99_ms - a.p99_ms
        ok = ratio >= target and added <= 5.0
        print(
            f"{label:<40} {a.requests_per_s:>10.0f} {b.requests_per_s:>11.0f} {ratio:>6.2f} "
            f"{target:>6.2f} {a.p99_ms:>9.1f}ms {b.p99_ms:>6.1f}ms "
            f"{added:>8.1f}ms  {'pass' if ok else 'short'}"
        )
        results.append(
            {
                "endpoint": label,
                "direct": asdict(a),
                "gateway": asdict(b),
                "ratio": round(ratio, 3),
                "target_ratio": target,
                "added_p99_ms": round(added, 2),
                "target_added_p99_ms": 5.0,
                "pass": ok,
            }
        )
    return results


def bench_import(stack: Stack, rows: int) -> dict[str, object]:
    """POST /reports/import of ``rows`` CSV rows, next to a raw COPY of the same rows into
    the same table (rolled back) in the same run."""
    token = internal_token(stack, "production")
    rng = random.Random(7)  # noqa: S311 (bench data, not secrets)
    ammc = AMMC_ID
    periods = [f"{y}-{m:02d}" for y in range(2000, 2026) for m in range(1, 13)]
    lines = ["organisation_id,metric,period,quantity,unit"]
    records = []
    for i in range(rows):
        period = periods[i % len(periods)]
        quantity = Decimal(rng.randrange(1_000, 20_000_000)) / 1000
        lines.append(f"{ammc},cathode_output,{period},{quantity},TNE")
        records.append(
            (
                "actual",
                uuid.UUID(ammc),
                "cathode_output",
                date(int(period[:4]), int(period[5:]), 1),
                "",
                quantity,
                "TNE",
                1_000_000 + i,
                datetime.now(UTC),
                "bench",
            )
        )
    body = ("\n".join(lines) + "\n").encode()
    started = time.perf_counter()
    response = httpx.post(
        f"{stack.url('production')}/api/v1/production/reports/import",
        content=body,
        timeout=600,
        headers={"X-Internal-Token": token, "content-type": "text/csv"},
    )
    service_seconds = time.perf_counter() - started
    response.raise_for_status()

    async def raw_copy() -> float:
        connection = await asyncpg.connect(
            stack.database_url("production").replace("postgresql+asyncpg", "postgresql")
        )
        try:
            transaction = connection.transaction()
            await transaction.start()
            began = time.perf_counter()
            await connection.copy_records_to_table(
                "figures",
                schema_name="production",
                records=records,
                columns=[
                    "kind",
                    "organisation_id",
                    "metric",
                    "period",
                    "product_category",
                    "quantity",
                    "unit",
                    "revision",
                    "recorded_at",
                    "recorded_by",
                ],
            )
            elapsed = time.perf_counter() - began
            await transaction.rollback()
            return elapsed
        finally:
            await connection.close()

    copy_seconds = asyncio.run(raw_copy())
    service_rate, copy_rate = rows / service_seconds, rows / copy_seconds
    ok = service_rate >= 20_000
    print(
        f"\nimport: {rows:,} CSV rows through POST /api/v1/production/reports/import "
        "(validated, revisions and one outbox event per row, one transaction)\n"
    )
    print(f"{'path':<44} {'seconds':>8} {'rows/s':>10}")
    print(
        f"{'service import (HTTP, all-or-nothing)':<44} {service_seconds:>8.2f} "
        f"{service_rate:>10,.0f}   target >= 20,000: {'pass' if ok else 'short'}"
    )
    print(
        f"{'raw COPY of the same rows, same table':<44} {copy_seconds:>8.2f} "
        f"{copy_rate:>10,.0f}   ratio {service_rate / copy_rate:.2f}"
    )
    return {
        "rows": rows,
        "service_seconds": round(service_seconds, 3),
        "service_rows_per_s": round(service_rate),
        "copy_seconds": round(copy_seconds, 3),
        "copy_rows_per_s": round(copy_rate),
        "ratio": round(service_rate / copy_rate, 3),
        "target_rows_per_s": 20_000,
        "pass": ok,
    }


def memory(stack: Stack) -> dict[str, float]:
    """Each service's resident memory now, in MB (its uvicorn process, from the pid file)."""
    mb = {}
    for service in SERVICES:
        pid = read_pid(stack.pid_file(service))
        if pid is None:
            raise RuntimeError(f"{service.name} is not running")
        mb[service.name] = round(rss_mb(pid), 1)
    return mb


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10, help="per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--rounds", type=int, default=ROUNDS, help="endpoints: runs of each side, alternated"
    )
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--events-rows", type=int, default=100_000, help="outbox backlog")
    parser.add_argument("--keyset-rows", type=int, default=1_000_000, help="members")
    parser.add_argument("--keyset-seconds", type=int, default=5, help="per page")
    parser.add_argument("--kpi-rows", type=int, default=1_000_000, help="report revisions")
    parser.add_argument("--kpi-samples", type=int, default=11, help="sequential calls per side")
    parser.add_argument("--export-rows", type=int, default=100_000, help="members exported")
    parser.add_argument("--skip", action="append", choices=SECTIONS, default=[])
    parser.add_argument("--only", action="append", choices=SECTIONS, default=[])
    parser.add_argument(
        "--ha", action="store_true", help="also the ha section (a second, clustered platform)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    parser.add_argument(
        "--merge", action="store_true", help="keep the other sections already in --out"
    )
    args = parser.parse_args()
    wanted = set(args.only) or {s for s in SECTIONS if s not in OPTIONAL or args.ha}
    run = [section for section in SECTIONS if section in wanted and section not in args.skip]
    if WRK_SECTIONS & set(run):
        ensure_wrk()
    state = Path(tempfile.mkdtemp(prefix="copper-bench-"))
    state.chmod(0o755)
    # Limits high enough that wrk is never refused; the limiter still runs on every call.
    stack = Stack(
        state,
        any_free_ports=True,
        settings={
            "GATEWAY_RATE_PER_KEY": "1000000",
            "GATEWAY_BURST_PER_KEY": "1000000",
            "MEMBERSHIP_LOG_LEVEL": "WARNING",
            "GATEWAY_LOG_LEVEL": "WARNING",
            "PRODUCTION_LOG_LEVEL": "WARNING",
            "SUPPLY_LOG_LEVEL": "WARNING",
        },
    )
    results: dict[str, Any] = {}
    idle: dict[str, float] = {}
    began = time.monotonic()
    try:
        stack.up(demo=True)
        if "memory" in run:
            idle = memory(stack)  # before any load: what the services hold at rest
        if "gateway" in run:
            results["gateway"] = bench_gateway(stack, args.seconds, args.connections)
        if "tracing" in run:
            results["tracing"] = bench_tracing(stack, args.seconds, args.connections)
        if "endpoints" in run:
            results["endpoints"] = bench_endpoints(
                stack, args.seconds, args.connections, args.rounds
            )
        if "events" in run:
            # Before the import, whose 100,000 outbox events the production relay would
            # still be publishing. 200 member.updated/s: the rate the latency target is for.
            results["events"] = bench_events(stack, args.events_rows, rate=200, seconds=10)
        if "import" in run:
            results["import"] = bench_import(stack, args.import_rows)
        if "ha" in run:
            results["ha"] = bench_ha(stack, args.seconds, args.connections)
        if "keyset" in run:
            results["keyset"] = bench_keyset(stack, args.keyset_rows, args.keyset_seconds)
        if "kpi" in run:
            results["kpi"] = bench_kpi(stack, args.kpi_rows, args.kpi_samples)
        if "exports" in run:
            results["exports"] = bench_exports(stack, args.export_rows)
        if "memory" in run:
            loaded = memory(stack)
            results["memory"] = {
                name: {"idle_mb": idle[name], "after_load_mb": loaded[name]} for name in idle
            }
    finally:
        stack.down()
        shutil.rmtree(stack.postgres.data_dir.parent, ignore_errors=True)
        shutil.rmtree(state, ignore_errors=True)
    minutes = (time.monotonic() - began) / 60
    print(f"\nsummary ({', '.join(run)}; {minutes:.1f} min)\n")
    print_table(summary(results))
    out = args.out
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    measured = dict.fromkeys(results, when)  # when each section's figures were taken
    if args.merge and out.exists():
        # A partial run added to a full one: its sections replace theirs, the others stay
        # as the run before measured them (with their own dates under "measured").
        before = json.loads(out.read_text())
        kept = [s for s in before.get("sections", []) if s not in run and s in before]
        dates = before.get("measured", {})
        measured |= {s: dates.get(s, before.get("when")) for s in kept}
        results = {s: before[s] for s in kept} | results
    rows = summary(results)
    out.write_text(
        json.dumps(
            {
                "when": when,
                "machine": platform.node(),
                "cpus": os.cpu_count(),
                "minutes": round(minutes, 1),
                "settings": {k: v for k, v in vars(args).items() if k not in CHOICES},
                "sections": [s for s in SECTIONS if s in results],
                "measured": {s: measured[s] for s in SECTIONS if s in measured},
                "summary": [asdict(row) for row in rows],
                **results,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nwritten to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
