"""Several instances of a service behind the gateway: two real upstream processes, one of
them killed (SIGKILL) or too slow, and what reaches each."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from clusterkit.infra.process import free_port, port_open, wait_until

from ..conftest import Gateways, services_at

INSTANCE = Path(__file__).with_name("upstream_instance.py")


class Instance:
    def __init__(self, name: str):
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, str(INSTANCE), str(self.port), name],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(
            lambda: port_open(self.port),
            timeout=20,
            what=f"upstream {name}",
            alive=lambda: self.process.poll() is None,
        )

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    async def hits(self, path: str) -> int:
        async with httpx.AsyncClient() as client:
            counted: dict[str, int] = (await client.get(f"{self.url}/hits")).json()
        return counted.get(path, 0)


@pytest.fixture
def instances() -> Iterator[tuple[Instance, Instance]]:
    a, b = Instance("a"), Instance("b")
    yield a, b
    for one in (a, b):
        if one.process.poll() is None:
            one.kill()


@pytest.fixture
def gateway_of(instances: tuple[Instance, Instance], gateways: Gateways) -> Gateways:
    """A gateway over both instances of every service (settings as the environment gives
    them: one comma-separated list per service)."""
    urls = ",".join(instance.url for instance in instances)

    def make(**settings: object) -> httpx.AsyncClient:
        return gateways(
            "10.3.0.1",
            **services_at(urls),
            breaker_cooldown_seconds=60,
            rate_per_anonymous_client=100_000,
            burst_per_anonymous_client=100_000,
            **settings,
        )

    return make


async def test_calls_are_spread_over_the_instances(gateway_of: Gateways) -> None:
    gateway = gateway_of()
    answers = [await gateway.get("/api/v1/membership/members") for _ in range(10)]
    assert {a.status_code for a in answers} == {200}
    assert Counter(a.json()["instance"] for a in answers) == {"a": 5, "b": 5}
    assert answers[0].json()["forwarded_for"] == "10.3.0.1"


async def test_with_one_instance_killed_every_request_still_answers(
    gateway_of: Gateways, instances: tuple[Instance, Instance]
) -> None:
    a, b = instances
    gateway = gateway_of()
    statuses: Counter[int] = Counter()
    by_instance: Counter[str] = Counter()

    async def call(n: int) -> None:
        if n % 2:
            answer = await gateway.get(f"/api/v1/membership/members?n={n}")
        else:  # a write with a key: safe to send again even after it went out
            answer = await gateway.post(
                "/api/v1/membership/payments",
                json={"n": n},
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
        statuses[answer.status_code] += 1
        if answer.status_code == 200:
            by_instance[answer.json()["instance"]] += 1

    async def load(first: int, count: int) -> None:
        for n in range(first, first + count):
            await call(n)

    # Four clients at once; a is killed while they run.
    runs = [asyncio.create_task(load(i * 100, 30)) for i in range(4)]
    await asyncio.sleep(0.3)
    a.kill()
    await asyncio.gather(*runs)
    assert statuses == {200: 120}, statuses
    assert by_instance["a"] > 0  # a answered before it was killed
    # A write without a key is sent again only when nothing of it was sent: a connection
    # a refused (nothing listens there now) is such a case.
    path = f"/api/v1/membership/x-{uuid.uuid4().hex}"
    creates = [await gateway.post(path, json={}) for _ in range(6)]
    assert [c.status_code for c in creates] == [200] * 6
    assert {c.json()["instance"] for c in creates} == {"b"}
    assert await b.hits(path) == 6
    ready = (await gateway.get("/readyz")).json()
    assert ready["checks"]["membership"].startswith("degraded: 1 of 2 instances not ready")


async def test_a_refused_write_goes_to_the_other_instance(
    gateway_of: Gateways, instances: tuple[Instance, Instance]
) -> None:
    a, b = instances
    a.kill()
    gateway = gateway_of()  # its first call goes to a, which now refuses
    path = f"/api/v1/membership/x-{uuid.uuid4().hex}"
    create = await gateway.post(path, json={})
    assert create.status_code == 200
    assert create.json()["instance"] == "b"
    assert await b.hits(path) == 1


async def test_a_write_without_a_key_that_timed_out_is_not_sent_again(
    gateway_of: Gateways, instances: tuple[Instance, Instance]
) -> None:
    a, b = instances
    gateway = gateway_of(upstream_timeout_seconds=1.0)
    path = f"/api/v1/membership/x-{uuid.uuid4().hex}"
    create = await gateway.post(f"{path}?slow=a&sleep=4", json={})  # the first call: to a
    assert create.status_code == 504
    assert create.json()["type"].endswith("/upstream-timeout")
    assert (await a.hits(path), await b.hits(path)) == (1, 0)


async def test_an_idempotent_request_that_timed_out_is_sent_to_the_other_instance(
    gateway_of: Gateways, instances: tuple[Instance, Instance]
) -> None:
    a, b = instances
    for request in (
        {"method": "GET"},
        {"method": "POST", "json": {}, "headers": {"Idempotency-Key": "k-1"}},
    ):
        gateway = gateway_of(upstream_timeout_seconds=1.0)  # a fresh one: its first call to a
        path = f"/api/v1/membership/x-{uuid.uuid4().hex}"
        answer = await gateway.request(url=f"{path}?slow=a&sleep=4", **request)  # type: ignore[arg-type]
        assert answer.status_code == 200, request
        assert answer.json()["instance"] == "b"
        assert (await a.hits(path), await b.hits(path)) == (1, 1)


async def test_with_every_instance_down_the_service_fails_fast(
    gateway_of: Gateways, instances: tuple[Instance, Instance]
) -> None:
    for instance in instances:
        instance.kill()
    gateway = gateway_of()
    first = await gateway.get("/api/v1/supply/catalogue")
    assert first.status_code == 502
    assert first.json()["detail"] == "The supply service is not reachable."
    fast = await gateway.get("/api/v1/supply/catalogue")
    assert fast.status_code == 503
    assert fast.json()["type"].endswith("/upstream-unavailable")
    assert int(fast.headers["retry-after"]) > 1
    ready = await gateway.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["supply"].startswith("unavailable")
