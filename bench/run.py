"""``./dev bench``: benchmarks on loopback with wrk, printed as a table and written as JSON
to ``bench/results/``. Starts its own platform (as ``./dev up`` does, on free ports).

Gateway: the same endpoint called directly (with the internal token) and through the
gateway (with an API key, rate limiting on), in one run. Import: rows/s of the production
bulk import next to a raw COPY of the same rows into the same table. Events: end-to-end
latency from a membership outbox commit to the supply and production projections at a
steady rate, and the outbox relay draining a backlog next to a bare Kafka producer
(``bench/events_bench.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy" / "local"))

from events_bench import bench_events  # noqa: E402

from clusterkit.auth import Caller, InternalTokens  # noqa: E402
from devstack import Stack  # noqa: E402

SECTIONS = ("gateway", "import", "events")


@dataclass
class Run:
    name: str
    url: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    non_2xx: int


def wrk(name: str, url: str, headers: dict[str, str], *, seconds: int, connections: int) -> Run:
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    for key, value in headers.items():
        argv[1:1] = ["-H", f"{key}: {value}"]
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)

    def percentile(p: str) -> float:
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return Run(
        name, url, rps, percentile("50"), percentile("99"), int(non_2xx.group(1)) if non_2xx else 0
    )


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    print("installing wrk (Debian package)...", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)


def bench_gateway(stack: Stack, seconds: int, connections: int) -> list[dict[str, object]]:
    """The same endpoints directly (internal token) and through the gateway (API key)."""
    key = stack.admin_key()
    secret = stack.config["internal_token_secret"]
    # a 10-minute token: direct calls must not expire mid-run
    direct_token = InternalTokens(secret, ttl_seconds=600).mint(
        Caller(role="admin"), audience="membership"
    )
    direct = {"X-Internal-Token": direct_token}
    through = {"Authorization": f"Bearer {key}"}
    service, gateway = stack.url("membership"), stack.url("gateway")
    endpoints = {
        "no-work route (404 from the service)": ("/api/v1/membership/nothing-here", 0.6),
        "member registry list (20 rows, DB)": ("/api/v1/membership/members?limit=20", 0.8),
    }
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
    for label, (path, target) in endpoints.items():
        time.sleep(1)
        a = wrk(
            f"{label}: direct", service + path, direct, seconds=seconds, connections=connections
        )
        time.sleep(1)
        b = wrk(
            f"{label}: gateway", gateway + path, through, seconds=seconds, connections=connections
        )
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
    secret = stack.config["internal_token_secret"]
    token = InternalTokens(secret, ttl_seconds=600).mint(
        Caller(role="admin"), audience="production"
    )
    rng = random.Random(7)  # noqa: S311 (bench data, not secrets)
    ammc = "00000000-0000-4000-8000-00000000a3c0"
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--events-rows", type=int, default=100_000, help="outbox backlog")
    parser.add_argument("--skip", action="append", choices=SECTIONS, default=[])
    args = parser.parse_args()
    if "gateway" not in args.skip:
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
    results: dict[str, object] = {}
    try:
        stack.up(demo=True)
        if "gateway" not in args.skip:
            results["gateway"] = bench_gateway(stack, args.seconds, args.connections)
        if "events" not in args.skip:
            # Before the import, whose 100,000 outbox events the production relay would
            # still be publishing. 200 member.updated/s: the rate the latency target is for.
            results["events"] = bench_events(stack, args.events_rows, rate=200, seconds=10)
        if "import" not in args.skip:
            results["import"] = bench_import(stack, args.import_rows)
    finally:
        stack.down()
        shutil.rmtree(stack.postgres.data_dir.parent, ignore_errors=True)
        shutil.rmtree(state, ignore_errors=True)
    out = ROOT / "bench" / "results" / "latest.json"
    out.write_text(
        json.dumps(
            {
                "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "machine": platform.node(),
                **results,
            },
            indent=2,
        )
    )
    print(f"\nwritten to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
