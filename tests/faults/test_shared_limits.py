"""One rate limit across gateways: two gateway processes sharing their buckets in a real
redis-server hold the anonymous submit limit as one (admitted <= burst + rate x seconds + 1
across both), and with Redis killed both keep answering, say "degraded" and each holds
its share of the limit (limit / 2) until Redis is back.

The platform of its own (as ``./dev up`` starts it, one instance of each service) plus a
second gateway process started here with the same settings on another port; both trust
127.0.0.1 as a proxy, so the client each request counts for is its ``X-Forwarded-For``.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest

from clusterkit.infra.process import free_port, read_pid, spawn, stop, wait_until
from clusterkit.infra.redis import RedisServer
from devstack import SERVICES, Stack, _http_ok
from platform_stack import running_platform

RATE = 2.0  # anonymous submits per second, per client address
BURST = 6
INSTANCES = 2
SUBMIT = "/api/v1/membership/applications"

Report = Callable[[str], None]


@dataclass
class Cluster:
    stack: Stack
    redis: RedisServer
    gateways: list[str]  # base URLs: the stack's gateway and the second one


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    state = tmp_path_factory.mktemp("shared-limits")
    redis = RedisServer(state / "redis", free_port())
    redis.start()
    settings = {
        "GATEWAY_REDIS_URL": redis.url,
        "GATEWAY_INSTANCES": str(INSTANCES),
        "GATEWAY_TRUSTED_PROXIES": "127.0.0.1/32",
        "GATEWAY_RATE_ANONYMOUS_SUBMIT": str(RATE),
        "GATEWAY_BURST_ANONYMOUS_SUBMIT": str(BURST),
    }
    second_pid = state / "gateway-2.pid"
    try:
        with running_platform(state / "stack", settings) as stack:
            gateway = next(s for s in SERVICES if s.name == "gateway")
            port = free_port()
            log_file = state / "logs" / "gateway-2.log"
            pid = spawn(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "--factory",
                    "gateway.main:create_app",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--no-access-log",
                ],
                log_file=log_file,
                pid_file=second_pid,
                env=stack.service_env(gateway),
            )
            second = f"http://127.0.0.1:{port}"
            wait_until(
                lambda: _http_ok(f"{second}/readyz"),
                timeout=90,
                what="the second gateway",
                alive=lambda: read_pid(second_pid) == pid,
                log_file=log_file,
            )
            try:
                yield Cluster(stack, redis, [stack.url("gateway"), second])
            finally:
                stop(second_pid, timeout=15)
    finally:
        redis.stop()


@pytest.fixture
async def gateways(cluster: Cluster) -> AsyncIterator[list[httpx.AsyncClient]]:
    clients = [httpx.AsyncClient(base_url=url, timeout=15) for url in cluster.gateways]
    yield clients
    for client in clients:
        await client.aclose()


@dataclass
class Run:
    admitted: Counter[int]  # per gateway (index)
    statuses: Counter[int]
    seconds: float

    @property
    def total(self) -> int:
        return sum(self.admitted.values())


async def submit_from(
    client_address: str, gateways: list[httpx.AsyncClient], *, seconds: float, every: float
) -> Run:
    """Anonymous submits from ``client_address`` (as a balancer would forward it) to every
    gateway at once, one every ``every`` s on each, for ``seconds``; admitted: anything but
    429."""
    admitted: Counter[int] = Counter()
    statuses: Counter[int] = Counter()
    headers = {"X-Forwarded-For": client_address}
    started = time.monotonic()

    async def load(which: int) -> None:
        while time.monotonic() - started < seconds:
            answer = await gateways[which].post(SUBMIT, json={}, headers=headers)
            statuses[answer.status_code] += 1
            if answer.status_code != 429:
                admitted[which] += 1
            await asyncio.sleep(every)

    await asyncio.gather(*(load(which) for which in range(len(gateways))))
    return Run(admitted, statuses, time.monotonic() - started)


def bound(rate: float, burst: int, seconds: float) -> float:
    return burst + rate * seconds + 1


async def readiness(gateways: list[httpx.AsyncClient]) -> list[httpx.Response]:
    return [await g.get("/readyz") for g in gateways]


async def test_two_gateways_hold_the_anonymous_submit_limit_as_one(
    gateways: list[httpx.AsyncClient], report: Report
) -> None:
    run = await submit_from("203.0.113.10", gateways, seconds=8, every=0.06)
    limit = bound(RATE, BURST, run.seconds)
    sent = sum(run.statuses.values())
    report(
        f"shared limit (burst {BURST}, {RATE}/s), 2 gateways, {run.seconds:.1f}s: sent {sent}, "
        f"admitted {run.total} ({dict(run.admitted)} per gateway), bound {limit:.1f} "
        f"(buckets of their own would admit up to {2 * (limit - 1):.0f})"
    )
    assert not [s for s in run.statuses if s >= 500], run.statuses
    assert BURST <= run.total <= limit
    assert run.admitted[0] > 0
    assert run.admitted[1] > 0
    # Another client (another forwarded address) has its own bucket on both.
    other = {"X-Forwarded-For": "203.0.113.11"}
    for gateway in gateways:
        assert (await gateway.post(SUBMIT, json={}, headers=other)).status_code != 429
    for response in await readiness(gateways):
        assert response.json()["checks"]["redis"] == "ok"


async def test_with_redis_killed_both_answer_degraded_at_half_the_limit_each(
    gateways: list[httpx.AsyncClient], cluster: Cluster, report: Report
) -> None:
    await asyncio.to_thread(cluster.redis.kill)
    killed = time.monotonic()
    try:
        run = await submit_from("203.0.113.20", gateways, seconds=5, every=0.06)
        ready = await readiness(gateways)
    finally:
        await asyncio.to_thread(cluster.redis.start)
    restarted = time.monotonic()

    share = bound(RATE / INSTANCES, BURST // INSTANCES, run.seconds)
    for response in ready:
        assert response.status_code == 200
        assert response.json()["status"] == "degraded"
        assert response.json()["checks"]["redis"].startswith("degraded: redis: ")
    assert not [s for s in run.statuses if s >= 500], run.statuses
    for which in range(INSTANCES):
        assert BURST // INSTANCES <= run.admitted[which] <= share, run.admitted
    assert run.total <= bound(RATE, BURST, run.seconds) + INSTANCES

    # Back to shared buckets once Redis answers again (after each gateway's back-off).
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        checks = [r.json()["checks"]["redis"] for r in await readiness(gateways)]
        if checks == ["ok"] * INSTANCES:
            break
        await asyncio.sleep(0.2)
    back_in = time.monotonic() - restarted
    assert checks == ["ok"] * INSTANCES, checks
    again = await submit_from("203.0.113.21", gateways, seconds=3, every=0.06)
    assert again.total <= bound(RATE, BURST, again.seconds)
    report(
        f"redis killed {restarted - killed:.1f}s: {sum(run.statuses.values())} submits all "
        f"answered ({dict(run.statuses)}), both /readyz degraded, admitted "
        f"{dict(run.admitted)} per gateway (bound each {share:.1f} at limit / {INSTANCES}); "
        f"shared again {back_in:.1f}s after Redis restarted (admitted {again.total} in "
        f"{again.seconds:.1f}s, bound {bound(RATE, BURST, again.seconds):.1f})"
    )
