"""Rolling restarts under load, as a team deploys its service alone (``./dev restart``):
each service's two instances, then the two gateways behind the balancer, one instance at a
time, while clients read 50 times a second and write 20 times a second with an
``Idempotency-Key`` (retried with the same key until acknowledged). No read fails, each
write is stored once however often it was sent, and no event is lost or applied twice."""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Text, cast, func, select

from clusterkit.testing import read_rows
from devstack import SERVICES, Mode, Stack
from membership.tables import applications

from .under_load import LATE, Reads, Writes, at_rate, cluster, delivered_once_in_order, door, pids

READS, WRITES = 50, 20
Report = Callable[[str], None]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    mode = Mode(brokers=3, instances=2)
    with cluster(tmp_path_factory.mktemp("rolling-restart"), mode) as platform:
        yield platform


async def test_rolling_restarts_under_load_fail_no_read_and_store_each_write_once(
    admin_key: str, stack: Stack, report: Report
) -> None:
    async with door(stack) as gateway:
        before = pids(stack)
        tag = f"Rolling {random.randrange(10**6)}"
        writes = Writes(gateway, admin_key, tag, retry=True, approve_every=10)
        reads = Reads(gateway, admin_key)
        stop = asyncio.Event()
        rolled: dict[str, float] = {}

        async def roll() -> None:
            await asyncio.sleep(5)
            for service in SERVICES:  # membership, production, supply, then the gateways
                started = time.monotonic()
                await asyncio.to_thread(stack.restart, service, report=False)
                rolled[service.name] = time.monotonic() - started
            await asyncio.sleep(5)
            stop.set()

        load_started = time.monotonic()
        async with asyncio.timeout(LATE), asyncio.TaskGroup() as tasks:
            tasks.create_task(roll())
            tasks.create_task(at_rate(READS, reads.read, stop=stop))
            tasks.create_task(at_rate(WRITES, writes.write, stop=stop))
        loaded_for = time.monotonic() - load_started

        # Each write stored once, under the one id its every answer gave.
        stored = await read_rows(
            stack.database_url("membership"),
            select(applications.c.legal_name, func.count(), func.min(cast(applications.c.id, Text)))
            .where(applications.c.legal_name.startswith(tag))
            .group_by(applications.c.legal_name),
        )
        copies = Counter({row[0]: row[1] for row in stored})
        ids = {row[0]: row[2] for row in stored}
        delivery = await delivered_once_in_order(stack, gateway, admin_key, writes)
        after = pids(stack)
        report(
            f"rolling restarts ({', '.join(f'{n} {s:.0f}s' for n, s in rolled.items())}) under "
            f"{READS} reads/s + {WRITES} writes/s for {loaded_for:.0f}s: reads "
            f"{reads.ok + reads.failures}, failed {reads.failures} {dict(reads.failed)}, sent "
            f"again after a dropped connection {reads.retried}; "
            f"writes sent {writes.sent}, acknowledged "
            f"{len(writes.acked)}, client retries {writes.retries} (answers that asked for one: "
            f"{dict(writes.failed)}), stored twice {sum(n - 1 for n in copies.values())}; "
            f"members approved {len(writes.members)}; {delivery.line()}"
        )
        assert reads.failures == 0, reads.failed
        assert len(writes.acked) == writes.sent
        assert copies == Counter(dict.fromkeys(writes.acked, 1))
        assert ids == writes.acked
        assert all(after[name] != pid for name, pid in before.items())  # every instance rolled
        assert delivery.out_of_order == 0
        assert delivery.duplicates == 0
        assert delivery.missing == 0
