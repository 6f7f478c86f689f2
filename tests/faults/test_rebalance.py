"""Consumer rebalance under load: a third production instance joins the consumer group of
its membership projection (the partitions are shared out again), then one instance is
killed (SIGKILL, its batch in hand not committed; its partitions move after the session
timeout). Every member event is applied once by the projection: none twice, none skipped."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Iterator

import pytest
from topology import Instance

from devstack import SERVICES, Mode, Stack

from .under_load import (
    LATE,
    Writes,
    at_rate,
    cluster,
    delivered_once_in_order,
    door,
    handled,
    redeliveries_skipped,
)

RATE, SECONDS, ADD_AT, KILL_AT = 20, 60, 10, 30
PRODUCTION = next(s for s in SERVICES if s.name == "production")
Report = Callable[[str], None]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with cluster(tmp_path_factory.mktemp("rebalance"), Mode(instances=2)) as platform:
        yield platform


async def test_an_instance_added_then_one_killed_under_load_applies_each_event_once(
    admin_key: str, stack: Stack, report: Report
) -> None:
    async with door(stack) as gateway:
        # Every other application approved: a member event a second for the projections.
        writes = Writes(gateway, admin_key, f"Rebalance {random.randrange(10**6)}", approve_every=2)
        third = Instance(PRODUCTION, 3, 3)

        async def churn() -> None:
            await asyncio.sleep(ADD_AT)
            await asyncio.to_thread(stack.start_instance, third)
            await asyncio.sleep(KILL_AT - ADD_AT)
            await asyncio.to_thread(stack.kill_service, PRODUCTION, 1)

        try:
            async with asyncio.timeout(SECONDS + LATE), asyncio.TaskGroup() as tasks:
                tasks.create_task(churn())
                tasks.create_task(at_rate(RATE, writes.write, seconds=SECONDS))
            delivery = await delivered_once_in_order(stack, gateway, admin_key, writes)
            by_third = await handled(stack.instance_url(third), "applied")
            skipped = await redeliveries_skipped(stack, stack.instance_url(third))
        finally:
            await asyncio.to_thread(stack.stop_service, PRODUCTION, 3)
            await asyncio.to_thread(stack.start_service, PRODUCTION, 1)
        report(
            f"consumer rebalance (production-3 added at {ADD_AT}s, production-1 killed at "
            f"{KILL_AT}s) under {RATE} writes/s: writes sent {writes.sent}, acknowledged "
            f"{len(writes.acked)}, members approved {len(writes.members)}; events applied by the "
            f"added instance {by_third}; redeliveries skipped by inboxes {skipped}; "
            f"{delivery.line()}"
        )
        assert writes.failures == 0, writes.failed
        assert by_third > 0, "the added instance should have taken partitions"
        assert delivery.duplicates == 0
        assert delivery.missing == 0
        assert delivery.out_of_order == 0
