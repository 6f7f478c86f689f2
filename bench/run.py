"""``./dev bench``: benchmarks on loopback with wrk, printed as a table and written as JSON
to ``bench/results/``. Starts its own platform (as ``./dev up`` does, on free ports).

Gateway: the same endpoint called directly (with the internal token) and through the
gateway (with an API key, rate limiting on), in one run.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy" / "local"))

from clusterkit.auth import Caller, InternalTokens  # noqa: E402
from devstack import Stack  # noqa: E402


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
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
        },
    )
    try:
        stack.up(demo=True)
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
            "no-work route (404 from the service)": "/api/v1/membership/nothing-here",
            "member registry list (20 rows, DB)": "/api/v1/membership/members?limit=20",
        }
        rows = []
        for label, path in endpoints.items():
            time.sleep(1)
            a = wrk(
                f"{label}: direct",
                service + path,
                direct,
                seconds=args.seconds,
                connections=args.connections,
            )
            time.sleep(1)
            b = wrk(
                f"{label}: gateway",
                gateway + path,
                through,
                seconds=args.seconds,
                connections=args.connections,
            )
            rows.append((label, a, b))
    finally:
        stack.down()
        shutil.rmtree(stack.postgres.data_dir.parent, ignore_errors=True)
        shutil.rmtree(state, ignore_errors=True)

    targets = {
        "no-work route (404 from the service)": 0.6,
        "member registry list (20 rows, DB)": 0.8,
    }
    print(
        f"\nwrk, {args.connections} connections, {args.seconds} s each, 2 cores shared by "
        "wrk, gateway, service and Postgres\n"
    )
    header = (
        f"{'endpoint':<40} {'direct r/s':>10} {'gateway r/s':>11} {'ratio':>6} "
        f"{'target':>6} {'p99 direct':>10} {'p99 gw':>7} {'added p99':>9}  verdict"
    )
    print(header)
    print("-" * len(header))
    results = []
    for label, a, b in rows:
        ratio = b.requests_per_s / a.requests_per_s if a.requests_per_s else 0.0
        added = b.p99_ms - a.p99_ms
        ok = ratio >= targets[label] and added <= 5.0
        print(
            f"{label:<40} {a.requests_per_s:>10.0f} {b.requests_per_s:>11.0f} {ratio:>6.2f} "
            f"{targets[label]:>6.2f} {a.p99_ms:>9.1f}ms {b.p99_ms:>6.1f}ms "
            f"{added:>8.1f}ms  {'pass' if ok else 'short'}"
        )
        results.append(
            {
                "endpoint": label,
                "direct": asdict(a),
                "gateway": asdict(b),
                "ratio": round(ratio, 3),
                "target_ratio": targets[label],
                "added_p99_ms": round(added, 2),
                "target_added_p99_ms": 5.0,
                "pass": ok,
            }
        )
    out = ROOT / "bench" / "results" / "gateway.json"
    out.write_text(
        json.dumps(
            {
                "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "machine": platform.node(),
                "connections": args.connections,
                "seconds": args.seconds,
                "results": results,
            },
            indent=2,
        )
    )
    print(f"\nwritten to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
