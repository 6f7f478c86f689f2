"""The ``ha`` section of ``./dev bench`` (optional, ``--ha``; informational, no target on 2
cores): what the cluster's extra hops cost. The member registry list and the application
submit with an ``Idempotency-Key`` are measured three ways in one run:

- direct: one membership instance of the bench's single-node platform, internal token;
- gateway: the same single-node platform through its one gateway, admin API key;
- balanced: a second platform started here as ``./dev up --brokers 3 --instances 2``
  starts it (three KRaft voters, two instances of each service and of the gateway, HAProxy
  on the gateway port, Redis for the shared rate limits), through the balancer, admin key.

The single-node figures are taken before the cluster starts, and the cluster is stopped
before the next section, so the two platforms never share the cores under load (the idle
single-node platform stays up beside it).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from common import Run, internal_token, require_clean, settle, wrk
from endpoints import APPLICATION_LUA, LIST_LIMIT, create_script

from devstack import Mode, Stack

MODE = Mode(brokers=3, instances=2)
LIST_PATH = f"/api/v1/membership/members?limit={LIST_LIMIT}"
CREATE_PATH = "/api/v1/membership/applications"

# Each request a new application and a new Idempotency-Key: the key is claimed, the
# application written with its outbox row, and the answer stored under the key (one
# transaction), as a client that may retry sends it. The run's argument is its STIR prefix
# digit, so the runs on the single-node platform do not meet each other's open applications.
IDEMPOTENT_LUA = create_script(APPLICATION_LUA, idempotency_key=True)


def bench_ha(stack: Stack, seconds: int, connections: int) -> dict[str, Any]:
    script = stack.state_dir / "bench-lua" / "ha-application.lua"
    script.parent.mkdir(exist_ok=True)
    script.write_text(IDEMPOTENT_LUA)

    def measure(name: str, url: str, headers: dict[str, str], **lua: Any) -> Run:
        time.sleep(1)  # the previous run's connections close, its requests drain
        return require_clean(
            wrk(name, url, headers, seconds=seconds, connections=connections, **lua)
        )

    def pair(what: str, base: str, headers: dict[str, str], prefix: str) -> tuple[Run, Run]:
        listed = measure(f"ha list: {what}", base + LIST_PATH, headers)
        created = measure(
            f"ha create: {what}",
            base + CREATE_PATH,
            headers,
            script=script,
            script_args=(prefix,),
        )
        return listed, created

    settle(stack)
    direct = {"X-Internal-Token": internal_token(stack, "membership")}
    through = {"Authorization": f"Bearer {stack.admin_key()}"}
    runs = {
        "direct": pair("direct", stack.url("membership"), direct, "5"),
        "gateway": pair("gateway", stack.url("gateway"), through, "6"),
    }
    state = Path(tempfile.mkdtemp(prefix="copper-bench-ha-"))
    state.chmod(0o755)
    cluster = Stack(state, any_free_ports=True, settings=stack.settings, mode=MODE)
    began = time.monotonic()
    try:
        cluster.up(demo=True)
        started_s = time.monotonic() - began
        settle(cluster)
        key = {"Authorization": f"Bearer {cluster.admin_key()}"}
        runs["balanced"] = pair("balancer, 2 instances", cluster.url("gateway"), key, "7")
    finally:
        cluster.down()
        shutil.rmtree(cluster.postgres.data_dir.parent, ignore_errors=True)
        shutil.rmtree(state, ignore_errors=True)
    result = {
        "seconds": seconds,
        "connections": connections,
        "mode": {"brokers": MODE.brokers, "instances": MODE.instances},
        "cluster_start_s": round(started_s, 1),
        "list": {name: asdict(listed) for name, (listed, _) in runs.items()},
        "create": {name: asdict(created) for name, (_, created) in runs.items()},
    }
    print_ha(result)
    return result


def print_ha(result: dict[str, Any]) -> None:
    print(
        f"\nha: wrk, {result['connections']} connections, {result['seconds']} s each; the "
        "member registry list and an application with Idempotency-Key, one membership "
        "instance direct, through the single-node gateway, and through HAProxy with two "
        f"gateways and two membership instances (--brokers {result['mode']['brokers']} "
        f"--instances {result['mode']['instances']}, started in {result['cluster_start_s']} s); "
        "informational, no target on 2 cores\n"
    )
    header = f"{'run':<28} {'r/s':>7} {'vs direct':>9} {'p50':>8} {'p99':>8}"
    print(header)
    print("-" * len(header))
    for what in ("list", "create"):
        base = result[what]["direct"]["requests_per_s"]
        for name, run in result[what].items():
            print(
                f"{what + ': ' + name:<28} {run['requests_per_s']:>7.0f} "
                f"{run['requests_per_s'] / base:>9.2f} {run['p50_ms']:>6.1f}ms "
                f"{run['p99_ms']:>6.1f}ms"
            )
