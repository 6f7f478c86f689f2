"""Graceful shutdown of a real service process (uvicorn, as ./dev starts it): on SIGTERM
readiness fails first while the instance still serves, the request in flight finishes, the
relay finishes its batch, and the consumer leaves its group."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from sqlalchemy import func, select

from clusterkit.events import CloudEvent
from clusterkit.infra.kafka import KafkaBroker
from clusterkit.infra.process import free_port, pid_alive, port_open, spawn, wait_until
from clusterkit.outbox import OutboxRelay
from clusterkit.sql import SQL, Query
from clusterkit.testing import eventually, unique
from clusterkit.unit_of_work import Transactions, UnitOfWork

from .conftest import Schema

APPS = Path(__file__).parent / "apps"
DRAIN_SECONDS = 2.0


@dataclass
class Process:
    pid: int
    url: str
    log_file: Path
    group: str


@pytest.fixture
def service_process(
    schema: Schema, kafka_broker: KafkaBroker, kafka_topic: str, tmp_path: Path
) -> Iterator[Process]:
    port = free_port()
    group = unique("kit-group")
    env = {
        **os.environ,
        "ENVIRONMENT": "test",
        "DATABASE_URL": schema.url,
        "KAFKA_BOOTSTRAP_SERVERS": kafka_broker.bootstrap_servers,
        "SHUTDOWN_DRAIN_SECONDS": str(DRAIN_SECONDS),
        "KIT_SCHEMA": schema.name,
        "KIT_TOPIC": kafka_topic,
        "KIT_GROUP": group,
    }
    log_file = tmp_path / "kit.log"
    argv = [sys.executable, "-m", "uvicorn", "--factory", "drain_app:create_app"]
    argv += ["--app-dir", str(APPS), "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--timeout-graceful-shutdown", "10"]
    pid = spawn(argv, log_file=log_file, pid_file=tmp_path / "kit.pid", env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            lambda: port_open(port),
            timeout=60,
            what="kit",
            alive=lambda: pid_alive(pid),
            log_file=log_file,
        )
        yield Process(pid, url, log_file, group)
    finally:
        if pid_alive(pid):
            os.kill(pid, signal.SIGKILL)


async def group_members(bootstrap: str, group: str) -> tuple[str, int]:
    """The group's state and how many members it has, as its coordinator says now."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        [response] = await admin.describe_consumer_groups([group])
        _, _, state, _, _, members, *_ = response.groups[0]
        return state, len(members)
    finally:
        await admin.close()


async def test_sigterm_fails_readiness_first_finishes_the_request_and_leaves_the_group(
    service_process: Process, kafka_broker: KafkaBroker
) -> None:
    bootstrap = kafka_broker.bootstrap_servers
    async with httpx.AsyncClient(base_url=service_process.url, timeout=30) as client:

        async def ready() -> bool:
            return (await client.get("/readyz")).status_code == 200

        await eventually(ready, within=30)

        async def joined() -> bool:
            return await group_members(bootstrap, service_process.group) == ("Stable", 1)

        await eventually(joined, within=30)

        in_flight = asyncio.create_task(client.get("/api/v1/kit/slow", params={"seconds": 4}))
        await asyncio.sleep(0.5)
        os.kill(service_process.pid, signal.SIGTERM)
        signalled = time.monotonic()

        # Readiness fails at once, while the instance still serves.
        await asyncio.sleep(0.2)
        readiness = await client.get("/readyz")
        assert readiness.status_code == 503
        assert readiness.headers["content-type"] == "application/problem+json"
        assert readiness.json()["type"].endswith("/draining")
        assert (await client.get("/healthz")).status_code == 200
        fresh = await httpx.AsyncClient(base_url=service_process.url).get("/healthz")
        assert fresh.status_code == 200  # new connections too, during the drain

        # The request in flight finishes after the drain, in uvicorn's graceful shutdown.
        answered = await in_flight
        finished_after = time.monotonic() - signalled
        assert answered.status_code == 200, answered.text
        assert answered.json() == {"slept": 4}
        assert finished_after > DRAIN_SECONDS

    # The process exits by itself, within the bounds, and has left the group already (not
    # after the session timeout).
    exited = lambda: not pid_alive(service_process.pid)  # noqa: E731
    await asyncio.to_thread(wait_until, exited, timeout=20, what="the exit")
    state, members = await group_members(bootstrap, service_process.group)
    assert (state, members) == ("Empty", 0)

    log = service_process.log_file.read_text()
    order = ["SIGTERM: draining", "drain over", "Shutting down", "consumer stopped"]
    positions = [log.index(line) for line in order]
    assert positions == sorted(positions), log[-3000:]
    assert "service stopped" in log


class SlowProducer(AIOKafkaProducer):  # type: ignore[misc]
    """The relay's producer (idempotent, acks=all), sending 30 ms apart: a batch of 100
    takes 3 s."""

    async def send(self, *args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(0.03)
        return await super().send(*args, **kwargs)


async def test_a_stopped_relay_finishes_the_batch_in_hand(
    schema: Schema, kafka_broker: KafkaBroker
) -> None:
    events = [
        CloudEvent(
            type="uz.coppercluster.kit.thing.created.v1", source="/kit", subject=f"t{i}", data={}
        )
        for i in range(100)
    ]

    async def write(uow: UnitOfWork) -> None:
        for event in events:
            uow.publish(event)

    await Transactions(schema.database, schema.outbox)(write)

    def producer() -> AIOKafkaProducer:
        return SlowProducer(
            bootstrap_servers=kafka_broker.bootstrap_servers, enable_idempotence=True, acks="all"
        )

    relay = OutboxRelay(schema.database, schema.outbox, producer)
    unpublished = Query(
        select(func.count())
        .select_from(schema.outbox.table)
        .where(schema.outbox.table.c.published_at.is_(None))
    )
    running = asyncio.create_task(relay.run())
    await asyncio.sleep(1.0)  # the producer started, the batch (3 s) under way
    async with schema.database.connection() as connection:
        assert await SQL(connection).value(unpublished) == 100  # not yet marked
    relay.stop()
    await asyncio.wait_for(running, timeout=15)  # returns by itself: not cancelled
    async with schema.database.connection() as connection:
        assert await SQL(connection).value(unpublished) == 0
