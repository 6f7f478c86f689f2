"""Rate limits shared by gateway instances in a real Redis, and the fall-back to local
buckets at limit / instances while Redis is unreachable."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import redis.asyncio as aioredis
from aiohttp import web

from clusterkit.infra.process import free_port
from clusterkit.infra.redis import RedisServer
from gateway.proxy import limiter

from ..conftest import Gateways, services_at, serving

SUBMIT = "/api/v1/membership/applications"


@pytest.fixture
async def upstream() -> AsyncIterator[str]:
    async def ok(request: web.Request) -> web.Response:
        await request.read()
        return web.json_response({"ok": True})

    async with serving(ok) as url:
        yield url


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A Redis server of one test, which it may kill."""
    server = RedisServer(tmp_path / "redis", free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def gateway_of(upstream: str, gateways: Gateways) -> Gateways:
    def make(
        redis_url: str | None, address: str = "10.4.0.1", **settings: object
    ) -> httpx.AsyncClient:
        return gateways(
            address,
            **services_at(upstream),
            redis_url=redis_url,
            burst_anonymous_submit=4,
            rate_anonymous_submit=0.001,
            burst_per_anonymous_client=6,
            rate_per_anonymous_client=0.001,
            **settings,
        )

    return make


async def submits(gateway: httpx.AsyncClient, count: int) -> list[httpx.Response]:
    return [await gateway.post(SUBMIT, json={}) for _ in range(count)]


async def test_two_gateways_share_one_limit(
    gateway_of: Gateways, redis_server: RedisServer
) -> None:
    one, two = gateway_of(redis_server.url, "10.4.1.1"), gateway_of(redis_server.url, "10.4.1.1")
    answers = [await (one if i % 2 else two).post(SUBMIT, json={}) for i in range(8)]
    assert [a.status_code for a in answers] == [200] * 4 + [429] * 4
    # The same answers as local buckets give: the problem, Retry-After and the headers.
    refused = answers[-1]
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/rate-limited")
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.headers["ratelimit-policy"].startswith('"anonymous-submit";q=4;')
    assert refused.headers["ratelimit"].startswith('"anonymous-submit";r=0;')
    # an admitted submit also takes from the anonymous bucket, whose headers it carries
    assert answers[0].headers["ratelimit"].startswith('"anonymous";r=5;')
    assert answers[2].headers["ratelimit"].startswith('"anonymous";r=3;')
    # another client has its own bucket, on both
    other = gateway_of(redis_server.url, "10.4.1.2")
    assert (await other.post(SUBMIT, json={})).status_code == 200


async def test_the_bucket_is_a_hash_with_a_ttl_and_the_script_reloads(
    gateway_of: Gateways, redis_server: RedisServer
) -> None:
    gateway = gateway_of(redis_server.url, "10.4.2.1")
    assert (await gateway.get("/api/v1/production/x")).status_code == 200
    client = aioredis.Redis.from_url(redis_server.url, decode_responses=True)
    try:
        bucket = await client.hgetall("ratelimit:anonymous:10.4.2.1")
        assert float(bucket["tokens"]) == pytest.approx(5, abs=0.01)
        assert float(bucket["at"]) == pytest.approx(time.time(), abs=5)
        assert 0 < await client.pttl("ratelimit:anonymous:10.4.2.1") <= 1001 * 1000 + 1000
        await client.script_flush()  # a restarted Redis has no scripts: loaded again
        assert (await gateway.get("/api/v1/production/x")).status_code == 200
        assert float(await client.hget("ratelimit:anonymous:10.4.2.1", "tokens")) < 4.01
    finally:
        await client.aclose()
    ready = (await gateway.get("/readyz")).json()
    assert ready["checks"]["redis"] == "ok"


async def test_without_redis_each_gateway_decides_alone_at_its_share(
    gateway_of: Gateways,
    own_redis: RedisServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limiter, "BACKOFF_MIN", 0.2)
    monkeypatch.setattr(limiter, "BACKOFF_MAX", 0.4)
    one = gateway_of(own_redis.url, "10.4.3.1", instances=2)
    two = gateway_of(own_redis.url, "10.4.3.1", instances=2)
    assert [a.status_code for a in await submits(one, 2)] == [200, 200]
    own_redis.kill()
    started = time.monotonic()
    # Each decides locally at half the limit: 2 of the 4 submits at once, each.
    assert [a.status_code for a in await submits(one, 3)] == [200, 200, 429]
    assert [a.status_code for a in await submits(two, 3)] == [200, 200, 429]
    assert time.monotonic() - started < 2  # refused connections: no waiting on Redis
    refused = (await submits(one, 1))[0]
    assert refused.headers["ratelimit-policy"].startswith('"anonymous-submit";q=2;')
    ready = await one.get("/readyz")
    assert ready.json()["checks"]["redis"].startswith("degraded: redis: ")
    assert "local buckets at 1/2" in ready.json()["checks"]["redis"]
    # Back: after the back-off the buckets are shared again (a restarted Redis is empty).
    own_redis.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if (await one.get("/readyz")).json()["checks"]["redis"] == "ok":
            break
        await asyncio.sleep(0.1)
    assert (await one.get("/readyz")).json()["checks"]["redis"] == "ok"
    shared = [await (one if i % 2 else two).post(SUBMIT, json={}) for i in range(6)]
    assert [a.status_code for a in shared] == [200] * 4 + [429] * 2


async def test_a_redis_that_does_not_answer_costs_one_short_timeout(
    gateway_of: Gateways,
) -> None:
    # A listening socket nobody accepts on: connecting may succeed, answers never come.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(0)
    try:
        port = silent.getsockname()[1]
        gateway = gateway_of(f"redis://127.0.0.1:{port}/0", "10.4.4.1", instances=2)
        started = time.monotonic()
        answers = [await gateway.get("/api/v1/production/x") for _ in range(5)]
        elapsed = time.monotonic() - started
        assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]  # 6 // 2
        assert elapsed < 2.0  # one timeout (0.1 s), then local buckets during the back-off
        redis = (await gateway.get("/readyz")).json()["checks"]["redis"]
        assert redis.startswith("degraded: redis: TimeoutError"), redis
    finally:
        silent.close()


async def test_without_redis_configured_no_redis_is_needed(gateway_of: Gateways) -> None:
    gateway = gateway_of(None, "10.4.5.1", instances=2)
    # Local buckets at the full limit: the instance count only matters as a fall-back.
    assert [a.status_code for a in await submits(gateway, 5)] == [200] * 4 + [429]
    assert "redis" not in (await gateway.get("/readyz")).json()["checks"]


async def test_behind_a_trusted_balancer_each_forwarded_client_has_its_own_bucket(
    gateway_of: Gateways,
) -> None:
    balancer = gateway_of(None, "10.4.6.1", trusted_proxies=["10.4.6.0/24"])
    first = {"X-Forwarded-For": "198.51.100.7"}
    second = {"X-Forwarded-For": "6.6.6.6, 198.51.100.8"}  # the left part: the client's own
    answers = [await balancer.post(SUBMIT, json={}, headers=first) for _ in range(5)]
    assert [a.status_code for a in answers] == [200] * 4 + [429]
    assert (await balancer.post(SUBMIT, json={}, headers=second)).status_code == 200
    # Not from a trusted proxy: the header is ignored, the peer is the client.
    direct = gateway_of(None, "10.4.7.1", trusted_proxies=["10.4.6.0/24"])
    spoofed = [
        await direct.post(SUBMIT, json={}, headers={"X-Forwarded-For": f"198.51.100.{i}"})
        for i in range(10, 15)
    ]
    assert [a.status_code for a in spoofed] == [200] * 4 + [429]
