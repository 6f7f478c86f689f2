"""What the sections of ``./dev bench`` share: wrk runs, tokens for direct calls, the
services' database logins, resident memory, and the rows of the summary table."""

from __future__ import annotations

import asyncio
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from events_bench import admin_connection, wait_for_quiet

from clusterkit.auth import Caller, InternalTokens
from devstack import Stack

# More than this many socket errors (connect, read, write, timeout) in one wrk run and the
# run measured a broken server, not a slow one.
MAX_SOCKET_ERRORS = 5


@dataclass
class Run:
    name: str
    url: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    requests: int = 0
    socket_errors: int = 0


def wrk(
    name: str,
    url: str,
    headers: dict[str, str],
    *,
    seconds: int,
    connections: int,
    threads: int = 2,
    script: Path | None = None,
    script_args: tuple[str, ...] = (),
) -> Run:
    """One wrk run; ``script`` (Lua) makes the requests, ``script_args`` go to its init()."""
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for key, value in headers.items():
        argv += ["-H", f"{key}: {value}"]
    if script is not None:
        argv += ["-s", str(script)]
    argv.append(url)
    if script_args:
        argv += ["--", *script_args]
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)

    def percentile(p: str) -> float:
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return Run(
        name,
        url,
        rps,
        percentile("50"),
        percentile("99"),
        int(non_2xx.group(1)) if non_2xx else 0,
        requests,
        sum(map(int, errors.groups())) if errors else 0,
    )


# The gateway section's endpoints (the path, and its gateway / direct target), measured by
# the tracing section too, with tracing off and on.
GATEWAY_ENDPOINTS = {
    "no-work route (404 from the service)": ("/api/v1/membership/nothing-here", 0.6),
    "member registry list (20 rows, DB)": ("/api/v1/membership/members?limit=20", 0.8),
}


def direct_and_gateway(stack: Stack, seconds: int, connections: int) -> dict[str, tuple[Run, Run]]:
    """Each of :data:`GATEWAY_ENDPOINTS` loaded straight at membership (an admin's internal
    token), then through the gateway (the admin's API key), a second apart, so one run's
    tail does not meet the next."""
    direct = {"X-Internal-Token": internal_token(stack, "membership")}
    through = {"Authorization": f"Bearer {stack.admin_key()}"}
    service, gateway = stack.url("membership"), stack.url("gateway")
    runs = {}
    for label, (path, _) in GATEWAY_ENDPOINTS.items():
        time.sleep(1)
        a = wrk(
            f"{label}: direct", service + path, direct, seconds=seconds, connections=connections
        )
        time.sleep(1)
        b = wrk(
            f"{label}: gateway", gateway + path, through, seconds=seconds, connections=connections
        )
        runs[label] = (a, b)
    return runs


def require_clean(run: Run) -> Run:
    """A bench of errors is no bench: stop the whole run when one answered anything but
    2xx, or lost more than a handful of connections."""
    if run.non_2xx or run.socket_errors > MAX_SOCKET_ERRORS:
        raise RuntimeError(
            f"{run.name}: {run.non_2xx} non-2xx responses and {run.socket_errors} socket "
            f"errors in {run.requests} requests ({run.url}); see the service logs"
        )
    if not run.requests:
        raise RuntimeError(f"{run.name}: no request completed ({run.url})")
    return run


def internal_token(stack: Stack, service: str) -> str:
    """An admin's internal token for direct calls to ``service``, valid an hour: mint one
    per section, so it cannot expire mid-run (the endpoints section's rounds and the waits
    between them take 10 minutes or more)."""
    secret = stack.config["internal_token_secret"]
    return InternalTokens(secret, ttl_seconds=3600).mint(Caller(role="admin"), audience=service)


def raw_dsn(stack: Stack, service: str) -> str:
    """The service's own database login, for asyncpg."""
    return stack.database_url(service).replace("postgresql+asyncpg", "postgresql")


def settle(stack: Stack) -> float:
    """Wait until every service's outbox is published (demo data, creates, an import run
    before), so a measurement does not share the 2 cores with that work; seconds waited."""

    async def wait() -> float:
        admin = await admin_connection(stack)
        try:
            return await wait_for_quiet(admin)
        finally:
            await admin.close()

    return asyncio.run(wait())


def rss_mb(pid: int) -> float:
    """Resident memory (VmRSS) of one process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    kb = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1))  # type: ignore[union-attr]
    return kb / 1024


@dataclass
class Row:
    """One line of the summary table; ``verdict`` is pass, short or empty (context only)."""

    figure: str
    value: str
    reference: str = ""
    ratio: str = ""
    target: str = ""
    verdict: str = ""


def verdict(ok: bool) -> str:
    return "pass" if ok else "short"


def print_table(rows: list[Row]) -> None:
    header = Row("figure", "value", "reference", "ratio", "target", "verdict")
    width = max(len(r.figure) for r in [header, *rows])

    def line(r: Row) -> str:
        return (
            f"{r.figure:<{width}} {r.value:>12} {r.reference:>16} {r.ratio:>6} "
            f"{r.target:>11}  {r.verdict}"
        )

    print(line(header))
    print("-" * len(line(header)))
    for r in rows:
        print(line(r))
