"""When a subscription is disabled, on the real database with a real receiver that fails:
only after its deliveries have failed continuously for the configured time, however many
queued events fail meanwhile."""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from typing import Any

import aiohttp
import httpx
import pytest
from sqlalchemy import bindparam, select

from clusterkit.database import Database
from clusterkit.sql import SQL, Query
from gateway.events import WEBHOOK_DISABLED
from gateway.tables import webhooks

from ..conftest import event, published, store
from .webhook_receiver import HOOKS, Receiver, dispatcher, drain, order_event, subscribe

FAILING_SINCE = Query(
    select(webhooks.c.failing_since).where(
        webhooks.c.id == bindparam("id", type_=webhooks.c.id.type)
    )
)


@pytest.fixture
async def failing_hook(
    client: httpx.AsyncClient, keys: dict[str, dict[str, str]], receiver: tuple[Receiver, str]
) -> dict[str, Any]:
    """A subscription of the procurement key's to the receiver, which fails every delivery
    until told otherwise."""
    hook = await subscribe(client, keys["procurement"], receiver)
    target, _ = receiver
    target.always_fail = True
    return hook


async def test_a_subscription_failing_continuously_is_disabled_after_the_setting_not_before(
    client: httpx.AsyncClient,
    db: Database,
    keys: dict[str, dict[str, str]],
    failing_hook: dict[str, Any],
) -> None:
    hook, procurement = failing_hook, keys["procurement"]
    await asyncio.sleep(1.0)  # an old subscription: the streak runs from its first failure
    sending = dispatcher(db, webhook_disable_after_seconds=2.0)
    await order_event(db)
    first_failure = None
    deadline = time.monotonic() + 15
    async with aiohttp.ClientSession() as http:
        while True:
            assert time.monotonic() < deadline, "never disabled"
            tried = await sending.deliver_due(http)
            if tried and first_failure is None:
                first_failure = time.monotonic()
            seen = (await client.get(f"{HOOKS}/{hook['id']}", headers=procurement)).json()
            if seen["status"] == "disabled":
                break
            await asyncio.sleep(0.02)
    assert first_failure is not None
    lasted = time.monotonic() - first_failure
    assert 2.0 <= lasted < 6.0, lasted  # after the setting, at the next failure
    assert re.match(
        r"its deliveries failed continuously for [2-5] s since ", seen["disabled_reason"]
    )
    assert "(last: HTTP 500)" in seen["disabled_reason"]
    assert await published(db) == [
        (
            WEBHOOK_DISABLED,
            hook["id"],
            {"webhook_id": hook["id"], "url": hook["url"], "reason": seen["disabled_reason"]},
        )
    ]
    enabled = await client.patch(
        f"{HOOKS}/{hook['id']}", json={"enabled": True}, headers=procurement
    )
    assert enabled.json()["consecutive_failures"] == 0
    async with db.connection() as connection:
        since = await SQL(connection).value(FAILING_SINCE, id=uuid.UUID(hook["id"]))
    assert since is None  # enabled again: a new streak, from its next failure


async def test_a_receiver_down_for_less_than_the_setting_with_80_queued_events_stays_enabled(
    client: httpx.AsyncClient,
    db: Database,
    keys: dict[str, dict[str, str]],
    receiver: tuple[Receiver, str],
    failing_hook: dict[str, Any],
) -> None:
    """80 deliveries fail, retried on their own schedules, while the receiver is down for
    about a second: a count of failures would have disabled it (it was 50 in a row)."""
    target, _ = receiver
    hook, procurement = failing_hook, keys["procurement"]
    sending = dispatcher(db, webhook_disable_after_seconds=4.0)
    orders = [str(uuid.uuid4()) for _ in range(80)]
    await store(db, *(event("supply.order.placed.v1", o, order_id=o) for o in orders))
    down_until = time.monotonic() + 1.2
    failed = 0
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < down_until:
            failed += await sending.deliver_due(http)
    assert failed >= 80  # every queued event failed at least once
    log = (await client.get(f"{HOOKS}/{hook['id']}", headers=procurement)).json()
    assert log["status"] == "active"
    assert log["consecutive_failures"] >= 80
    target.always_fail = False
    await drain(sending, lambda: len(target.received) == 80)
    assert sorted(e["subject"] for e in target.received) == sorted(orders)
    seen = (await client.get(f"{HOOKS}/{hook['id']}", headers=procurement)).json()
    assert (seen["status"], seen["consecutive_failures"], seen["disabled_reason"]) == (
        "active",
        0,
        None,
    )
    assert await published(db) == []  # nothing disabled
