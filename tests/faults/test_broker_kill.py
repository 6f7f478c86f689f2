"""A three-node Kafka cluster loses a broker under load: the one that leads the most
partitions is killed (SIGKILL) while writes go on at 50 a second, and comes back 30 s
later. Topics keep three copies and need two for a write (``min.insync.replicas=2``), so
the others take over its partitions: no write fails, no service restarts, and every
acknowledged write's events reach every consumer once, in per-key order."""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from devstack import TOPICS, Mode, Stack

from .under_load import (
    LATE,
    Writes,
    at_rate,
    cluster,
    delivered_once_in_order,
    door,
    pids,
    redeliveries_skipped,
)

RATE, SECONDS, KILL_AT, DOWN_FOR = 50, 60, 15, 30
Report = Callable[[str], None]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with cluster(tmp_path_factory.mktemp("broker-kill"), Mode(brokers=3)) as platform:
        yield platform


async def leaders(bootstrap: str) -> dict[tuple[str, int], int]:
    """Each partition of the platform's topics and the node leading it (-1: none now)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=3000)
    await admin.start()
    try:
        described = await admin.describe_topics(list(TOPICS))
    finally:
        await admin.close()
    return {(t["topic"], p["partition"]): p["leader"] for t in described for p in t["partitions"]}


async def test_the_leading_broker_killed_under_writes_fails_no_write_and_loses_no_event(
    admin_key: str, stack: Stack, report: Report
) -> None:
    async with door(stack) as gateway:
        brokers = stack.brokers()
        before = await leaders(stack.kafka_bootstrap)
        led = Counter(before.values())
        victim = next(b for b in brokers if b.node_id == led.most_common(1)[0][0])
        survivors = ",".join(b.bootstrap_servers for b in brokers if b is not victim)
        processes = pids(stack)
        writes = Writes(gateway, admin_key, f"Broker {random.randrange(10**6)}")
        elected_in: list[float] = []

        async def outage() -> None:
            await asyncio.sleep(KILL_AT)
            await asyncio.to_thread(victim.kill)
            killed = time.monotonic()
            moved = [tp for tp, leader in before.items() if leader == victim.node_id]
            while True:  # bounded by the test's timeout
                try:
                    now = await leaders(survivors)
                except Exception:  # the metadata may be mid-change: ask again
                    now = {}
                if now and all(now[tp] not in (-1, victim.node_id) for tp in moved):
                    elected_in.append(time.monotonic() - killed)
                    break
                await asyncio.sleep(0.2)
            await asyncio.sleep(max(0.0, killed + DOWN_FOR - time.monotonic()))
            await asyncio.to_thread(victim.start)  # same ports, same data folder

        load_started = time.monotonic()
        try:
            async with asyncio.timeout(SECONDS + LATE), asyncio.TaskGroup() as tasks:
                tasks.create_task(outage())
                tasks.create_task(at_rate(RATE, writes.write, seconds=SECONDS))
        finally:
            await asyncio.to_thread(victim.start)  # no-op if it runs
        answered_in = time.monotonic() - load_started
        delivery = await delivered_once_in_order(stack, gateway, admin_key, writes)
        back = await leaders(stack.kafka_bootstrap)
        report(
            f"broker killed (node {victim.node_id}, leading {led[victim.node_id]} of {len(before)} "
            f"partitions) for {DOWN_FOR}s under {RATE} writes/s: writes sent {writes.sent}, "
            f"acknowledged {len(writes.acked)} (the last {answered_in:.0f}s after the first), "
            f"failed {writes.failures} {dict(writes.failed)}; "
            f"new leaders elected in {elected_in[0]:.1f}s; {delivery.line()}; redeliveries "
            f"skipped by inboxes {await redeliveries_skipped(stack)}; after the restart node "
            f"{victim.node_id} leads {Counter(back.values())[victim.node_id]} partitions"
        )
        assert writes.failures == 0, writes.failed
        assert len(writes.acked) == writes.sent
        assert pids(stack) == processes  # no service process restarted
        assert delivery.out_of_order == 0
        assert delivery.duplicates == 0
        assert delivery.missing == 0
