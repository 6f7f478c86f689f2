"""The ``endpoints`` section of ``./dev bench``: each service's main list and create endpoint,
called directly (with an admin's internal token), next to the hand-written raw asyncpg +
orjson reference of the same SQL (``bench/references.py``, one uvicorn process started here
beside the platform), and the list endpoint through the gateway (admin API key).

wrk on loopback, ``connections`` connections, ``seconds`` per run, each run ``rounds`` times
alternated with its reference (A B, then B A) and every run started on a quiet platform
(``common.settle``: outboxes published, notices and due webhook deliveries sent); a figure
is the mean of its rounds. Every list runs before any create: the creates add thousands of
rows (applications, figure revisions, items), and two of the three lists read the tables
they add to. Any run with a non-2xx answer or more than a handful of socket errors stops
the bench (``common.require_clean``).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx
from common import Run, internal_token, raw_dsn, require_clean, settle, wrk

from clusterkit.infra.process import free_port, read_pid, spawn, stop, wait_until
from devstack import Stack
from production.domain import AMMC_ID

BENCH = Path(__file__).resolve().parent
LIST_LIMIT = 20
LIST_TARGET = 0.75  # a list direct ÷ its raw reference, requests/s
CREATE_TARGET = 0.7  # a create direct ÷ its raw reference, requests/s
CREATE_P99_TARGET = 1.5  # a create's p99 ÷ its reference's p99
GATEWAY_TARGET = 0.8  # through the gateway ÷ direct, requests/s
P99_TARGET_MS = 50.0
# Each run this many times, alternated with its reference: on a VM whose share of the CPU
# comes and goes, one 10-second run beside another is a coin toss.
ROUNDS = 2

# The create runs' request bodies, made by wrk's Lua. setup() numbers the threads in wrk's
# main Lua state; every thread then has its own state, so ``counter`` is per thread and
# (thread number, counter) is unique within a run. ``args[1]`` is given per run.
LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local threads = 0
function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end
local counter = 0
local arg = ""
function init(args)
  arg = args[1] or ""
end
-- body(thread, n, arg) --
function request()
  counter = counter + 1
  -- headers(thread, n, arg) --
  return wrk.format(nil, nil, nil, body(thread_number, counter, arg))
end
"""


def create_script(body_lua: str, *, idempotency_key: bool = False) -> str:
    """The wrk script of a create run: ``body_lua`` defines ``body(thread, n, arg)``; with
    ``idempotency_key`` each request also carries a key of its own, as a client that may
    retry sends it (``arg``, the run's prefix, keeps the keys of different runs apart)."""
    headers = (
        'wrk.headers["Idempotency-Key"] = string.format("bench-%s-%d-%d", arg, thread_number, '
        "counter)"
        if idempotency_key
        else ""
    )
    return LUA.replace("-- body(thread, n, arg) --", body_lua).replace(
        "-- headers(thread, n, arg) --", headers
    )


# A duplicate open application (or member) STIR answers 409, so each request has its own:
# the run's prefix digit (the service and the reference write the same table, so they get
# different ones), the thread number, a 7-digit counter.
APPLICATION_LUA = """
function body(thread, n, prefix)
  local stir = string.format("%s%d%07d", prefix, thread, n)
  return '{"legal_name":"Bench Co ' .. stir .. '","stir":"' .. stir .. '","region":"UZ-TO",'
    .. '"sectors":["cable_wire"],"requested_cathode_tpy":"100","contact":{"name":"A",'
    .. '"email":"a@b.uz","phone":"+998 71 000 00 00"},"proposal":"bench"}'
end
"""

# Past months 2000-01..2025-12 in turn, so revisions spread over 312 keys (a key again is a
# revision, as reporting it again would be).
# args[1]: the reporting organisation's id.
REPORT_LUA = """
function body(thread, n, organisation)
  local month = (thread * 157 + n) % 312
  local period = string.format("%d-%02d", 2000 + math.floor(month / 12), month % 12 + 1)
  return '{"organisation_id":"' .. organisation .. '","metric":"export_value","period":"'
    .. period .. '","quantity":"12.5","unit":"USD"}'
end
"""

# args[1]: a verified supplier's id.
ITEM_LUA = """
function body(_, _, supplier)
  return '{"supplier_id":"' .. supplier .. '","name":"Bench reagent","category":"reagent",'
    .. '"hs_code":"2825.50","unit":"TNE","unit_price":{"amount":"100.5","currency":"UZS"},'
    .. '"local_content_pct":"50","lead_time_days":10,"available_quantity":"5"}'
end
"""


@dataclass(frozen=True)
class Endpoints:
    service: str
    list_path: str
    create_path: str
    lua: str
    # what identifies a list item, for the check that both sides list the same rows
    item_key: Callable[[dict[str, Any]], object]


def _figure_key(item: dict[str, Any]) -> object:
    return tuple(
        item[k] for k in ("organisation_id", "metric", "period", "product_category", "revision")
    )


SERVICES = (
    Endpoints(
        "membership",
        "/api/v1/membership/members",  # members, not applications: the creates add none
        "/api/v1/membership/applications",
        APPLICATION_LUA,
        lambda item: item["id"],
    ),
    Endpoints(
        "production",
        "/api/v1/production/reports",
        "/api/v1/production/reports",
        REPORT_LUA,
        _figure_key,
    ),
    Endpoints(
        "supply",
        "/api/v1/supply/items",
        "/api/v1/supply/items",
        ITEM_LUA,
        lambda item: item["id"],
    ),
)


@contextmanager
def reference_app(stack: Stack) -> Iterator[str]:
    """``bench/references.py`` in one uvicorn process on a free port, logging in to the
    database as each service does; yields its URL, stops it on the way out."""
    port = free_port()
    pid_file = stack.state_dir / "reference.pid"
    log_file = stack.logs / "reference.log"
    env = {**os.environ} | {
        f"REFERENCE_{e.service.upper()}_DSN": raw_dsn(stack, e.service) for e in SERVICES
    }
    pid = spawn(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "references:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-access-log",
        ],
        log_file=log_file,
        pid_file=pid_file,
        env=env,
        cwd=BENCH,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            lambda: _ok(url + "/healthz"),
            timeout=30,
            what="reference app",
            alive=lambda: read_pid(pid_file) == pid,
            log_file=log_file,
        )
        yield url
    finally:
        stop(pid_file, timeout=10)


def _ok(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _list_keys(url: str, headers: dict[str, str], endpoints: Endpoints) -> list[object]:
    response = httpx.get(url, params={"limit": LIST_LIMIT}, headers=headers, timeout=30)
    response.raise_for_status()
    return [endpoints.item_key(item) for item in response.json()["items"]]


def same_items(stack: Stack, reference: str, headers: dict[str, dict[str, str]]) -> dict[str, bool]:
    """Whether the service and its reference list the same rows in the same order: if not,
    the comparison is unfair (a warning, not a stop: the figures are still printed)."""
    same = {}
    for e in SERVICES:
        direct = _list_keys(stack.url(e.service) + e.list_path, headers[e.service], e)
        raw = _list_keys(reference + e.list_path, {}, e)
        same[e.service] = direct == raw and len(direct) > 0
        if not same[e.service]:
            print(
                f"WARNING: {e.service} {e.list_path}?limit={LIST_LIMIT}: the service lists "
                f"{len(direct)} items, the reference {len(raw)}, not the same ones in the "
                "same order; their figures do not compare like for like"
            )
    return same


def verified_supplier(stack: Stack, headers: dict[str, str]) -> str:
    response = httpx.get(
        stack.url("supply") + "/api/v1/supply/suppliers",
        params={"status": "verified", "limit": 1},
        headers=headers,
        timeout=30,
    )
    response.raise_for_status()
    suppliers = response.json()["items"]
    if not suppliers:
        raise RuntimeError("no verified supplier to list items for (demo data missing?)")
    return str(suppliers[0]["id"])


def combined(runs: list[Run]) -> Run:
    """The rounds of one run as one: mean throughput and percentiles, summed counts."""
    n = len(runs)
    return Run(
        runs[0].name,
        runs[0].url,
        sum(r.requests_per_s for r in runs) / n,
        sum(r.p50_ms for r in runs) / n,
        sum(r.p99_ms for r in runs) / n,
        sum(r.non_2xx for r in runs),
        sum(r.requests for r in runs),
        sum(r.socket_errors for r in runs),
    )


def figures(rounds: dict[str, list[Run]]) -> dict[str, Any]:
    """Each side's rounds as one run (:func:`combined`), the rounds themselves, and the
    direct side's ratio to the reference."""
    means = {side: combined(runs) for side, runs in rounds.items()}
    return {
        **{side: asdict(mean) for side, mean in means.items()},
        "rounds": {side: [asdict(run) for run in runs] for side, runs in rounds.items()},
        "ratio": round(means["direct"].requests_per_s / means["reference"].requests_per_s, 3),
    }


def bench_endpoints(
    stack: Stack, seconds: int, connections: int, rounds: int = ROUNDS
) -> dict[str, Any]:
    direct = {e.service: {"X-Internal-Token": internal_token(stack, e.service)} for e in SERVICES}
    through = {"Authorization": f"Bearer {stack.admin_key()}"}
    supplier = verified_supplier(stack, direct["supply"])
    # The argument of each create script, by side and round: membership's STIR prefix digit
    # differs run to run, as every run writes the same applications table.
    create_args: dict[str, Callable[[str, int], str]] = {
        "membership": lambda side, n: str(3 + 2 * n + (side == "reference")),
        "production": lambda side, n: AMMC_ID,
        "supply": lambda side, n: supplier,
    }
    lua_dir = stack.state_dir / "bench-lua"
    lua_dir.mkdir(exist_ok=True)
    waits: dict[str, float] = {}

    def measure(name: str, url: str, headers: dict[str, str], **script: Any) -> Run:
        # Each run starts on a quiet platform: a create run leaves its events' notices and
        # deliveries behind, which would otherwise fall on the next run alone.
        time.sleep(1)  # the previous run's connections close, its requests drain
        waits[name] = round(settle(stack), 1)
        return require_clean(
            wrk(name, url, headers, seconds=seconds, connections=connections, **script)
        )

    def alternated(sides: list[str], run: Callable[[str, int], Run]) -> dict[str, list[Run]]:
        """``run(side, round)`` of each side ``rounds`` times, the order reversed every
        other round (A B, B A, …): the VM's slow and fast spells fall on every side alike."""
        runs: dict[str, list[Run]] = {side: [] for side in sides}
        for n in range(rounds):
            for side in sides if n % 2 == 0 else reversed(sides):
                runs[side].append(run(side, n))
        return runs

    results: dict[str, dict[str, Any]] = {e.service: {} for e in SERVICES}
    with reference_app(stack) as reference:
        waited = settle(stack)  # the demo data's events, still being published
        same = same_items(stack, reference, direct)

        def at(e: Endpoints, side: str) -> tuple[str, dict[str, str]]:
            """Where one side of ``e`` is called, and with what headers."""
            return {
                "direct": (stack.url(e.service), direct[e.service]),
                "reference": (reference, {}),
                "gateway": (stack.url("gateway"), through),
            }[side]

        for e in SERVICES:
            path = f"{e.list_path}?limit={LIST_LIMIT}"

            def list_run(side: str, n: int, e: Endpoints = e, path: str = path) -> Run:
                base, headers = at(e, side)
                return measure(f"{e.service} list: {side} #{n + 1}", base + path, headers)

            listed = figures(alternated(["direct", "reference", "gateway"], list_run))
            gateway_ratio = listed["gateway"]["requests_per_s"] / listed["direct"]["requests_per_s"]
            results[e.service]["list"] = listed | {
                "gateway_ratio": round(gateway_ratio, 3),
                "same_items": same[e.service],
            }
        # Membership's creates last: each leaves thousands of notice mails to send, which
        # the next run waits out.
        for e in sorted(SERVICES, key=lambda e: e.service == "membership"):
            script = lua_dir / f"{e.service}.lua"
            script.write_text(create_script(e.lua))

            def create_run(side: str, n: int, e: Endpoints = e, script: Path = script) -> Run:
                base, headers = at(e, side)
                return measure(
                    f"{e.service} create: {side} #{n + 1}",
                    base + e.create_path,
                    headers,
                    script=script,
                    script_args=(create_args[e.service](side, n),),
                )

            results[e.service]["create"] = figures(alternated(["direct", "reference"], create_run))
    print_endpoints(results, seconds, connections)
    return {
        "seconds": seconds,
        "connections": connections,
        "rounds": rounds,
        "list_limit": LIST_LIMIT,
        "waited_for_outboxes_s": round(waited, 1),
        "waited_before_run_s": waits,
        "target_ratio_list": LIST_TARGET,
        "target_ratio_create": CREATE_TARGET,
        "target_create_p99_ratio": CREATE_P99_TARGET,
        "target_ratio_gateway": GATEWAY_TARGET,
        "target_p99_ms": P99_TARGET_MS,
        "services": results,
    }


def print_endpoints(results: dict[str, dict[str, Any]], seconds: int, connections: int) -> None:
    print(
        f"\nendpoints: wrk, {connections} connections, {seconds} s each; the service direct "
        "(internal token) vs its raw asyncpg + orjson reference, and through the gateway\n"
    )
    header = (
        f"{'endpoint':<34} {'r/s':>7} {'vs':>10} {'vs r/s':>7} {'ratio':>6} {'target':>6} "
        f"{'p99':>8} {'vs p99':>8}  verdict"
    )
    print(header)
    print("-" * len(header))
    for service, figures in results.items():
        lines = [
            (
                "list: direct",
                "reference",
                figures["list"]["direct"],
                figures["list"]["reference"],
                LIST_TARGET,
            ),
            (
                "list: gateway",
                "direct",
                figures["list"]["gateway"],
                figures["list"]["direct"],
                GATEWAY_TARGET,
            ),
            (
                "create: direct",
                "reference",
                figures["create"]["direct"],
                figures["create"]["reference"],
                CREATE_TARGET,
            ),
        ]
        for label, against, run, base, target in lines:
            ratio = run["requests_per_s"] / base["requests_per_s"]
            ok = ratio >= target and run["p99_ms"] <= P99_TARGET_MS
            print(
                f"{service + ' ' + label:<34} {run['requests_per_s']:>7.0f} {against:>10} "
                f"{base['requests_per_s']:>7.0f} {ratio:>6.2f} {target:>6.2f} "
                f"{run['p99_ms']:>6.1f}ms {base['p99_ms']:>6.1f}ms  {'pass' if ok else 'short'}"
            )
    print(f"(verdict: ratio >= target and p99 <= {P99_TARGET_MS:g} ms)")
