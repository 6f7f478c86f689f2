"""16 clients change, rotate, replay and delete the same subscriptions while the dispatcher
delivers their events and the feed queues new ones: the answers are only 2xx, 404, 409 or
412, never a 5xx (a deadlock would be retried by the unit of work, and the rows are taken in
one order so that none happens). Committed for real, on a pool of its own."""

from __future__ import annotations

import asyncio
import collections
import random
import uuid
from typing import Any

from sqlalchemy import any_, bindparam, delete, select, text
from sqlalchemy.dialects.postgresql import ARRAY

from clusterkit.database import Database
from clusterkit.sql import SQL, Query
from clusterkit.testing import TestDatabase, service_client
from gateway.main import create_app
from gateway.tables import api_keys, events, webhooks

from ..conftest import bearer, event, issued, store
from .webhook_receiver import HOOKS, Receiver, dispatcher, settings

CLIENTS = 16
OPERATIONS = 30  # per client
SUBSCRIPTIONS = 4
ALLOWED = {200, 201, 202, 204, 404, 409, 412}
DEADLOCKS = Query(
    select(text("deadlocks"))
    .select_from(text("pg_stat_database"))
    .where(text("datname = current_database()"))
)
REMOVE_HOOKS = Query(
    delete(webhooks).where(
        webhooks.c.owner_key_id == bindparam("owner", type_=webhooks.c.owner_key_id.type)
    )
)
REMOVE_EVENTS = Query(
    delete(events).where(
        events.c.event_id == any_(bindparam("ids", type_=ARRAY(events.c.event_id.type)))
    )
)


async def deadlocks(database: Database) -> int:
    async with database.connection() as connection:
        return int(await SQL(connection).value(DEADLOCKS))


async def test_concurrent_changes_and_deletes_meet_the_dispatcher_without_a_5xx(
    platform_database: TestDatabase, receiver: tuple[Receiver, str]
) -> None:
    target, url = receiver
    target.secret = "whsec_" + "A" * 32  # the receiver answers 401: every delivery fails
    database = Database(platform_database.url("gateway"), pool_size=12)
    admin = await issued(database, "admin")
    owner = bearer(admin["key"])
    app = create_app(settings(webhook_allow_private_addresses=True), database=database)
    stored: list[str] = []
    feed_errors: list[str] = []
    answers: collections.Counter[tuple[str, int]] = collections.Counter()
    before = await deadlocks(database)
    try:
        async with service_client(app, "gateway") as client:
            hooks: list[str] = []

            async def subscribe() -> None:
                made = await client.post(HOOKS, json={"url": url}, headers=owner)
                answers["POST", made.status_code] += 1
                hooks.append(made.json()["id"])

            for _ in range(SUBSCRIPTIONS):
                await subscribe()

            async def one_client(seed: int) -> None:
                rng = random.Random(seed)
                for _ in range(OPERATIONS):
                    hook = rng.choice(hooks)  # the live ones (a deleted one may linger)
                    one = f"{HOOKS}/{hook}"
                    choice = rng.random()
                    if choice < 0.35:
                        body: dict[str, Any] = rng.choice(
                            [{"enabled": False}, {"enabled": True}, {"event_types": ["supply"]}]
                        )
                        headers = dict(owner)
                        if rng.random() < 0.5:
                            headers["If-Match"] = f'"{rng.randint(1, 6)}"'
                        response = await client.patch(one, json=body, headers=headers)
                        answers["PATCH", response.status_code] += 1
                    elif choice < 0.55:
                        response = await client.delete(one, headers=owner)
                        answers["DELETE", response.status_code] += 1
                        if response.status_code == 204:
                            await subscribe()  # first: the same number stays contended
                            if hook in hooks:
                                hooks.remove(hook)
                    elif choice < 0.7:
                        response = await client.post(f"{one}/secret/rotate", headers=owner)
                        answers["ROTATE", response.status_code] += 1
                    elif choice < 0.85:
                        since = {"since": "2000-01-01T00:00:00Z"}
                        response = await client.post(f"{one}/replay", json=since, headers=owner)
                        answers["REPLAY", response.status_code] += 1
                    else:
                        response = await client.get(one, headers=owner)
                        answers["GET", response.status_code] += 1
                    assert response.status_code in ALLOWED, (response.status_code, response.text)

            async def feed() -> None:
                while True:  # cancelled when the clients are done
                    one = event("supply.order.placed.v1", str(uuid.uuid4()), order_id="o")
                    stored.append(one.id)  # first: a store cancelled may have committed
                    try:
                        await store(database, one)
                    except Exception as exc:  # as the feed consumer would meet it
                        feed_errors.append(repr(exc))
                    await asyncio.sleep(0.01)

            sending = dispatcher(database, webhook_poll_seconds=0.01)
            workers = [asyncio.create_task(sending.run()), asyncio.create_task(feed())]
            try:
                await asyncio.wait_for(
                    asyncio.gather(*(one_client(seed) for seed in range(CLIENTS))), 240
                )
            finally:
                for worker in workers:
                    worker.cancel()
                await asyncio.gather(*workers, return_exceptions=True)
        met = await deadlocks(database) - before
        print(f"answers {sorted(answers.items())}; deadlocks met {met}; events {len(stored)}")
        assert sum(n for (method, _), n in answers.items() if method == "DELETE") > 0
        assert answers["DELETE", 204] > 0
        assert answers["PATCH", 200] > 0
        assert target.called.is_set()  # the dispatcher was delivering meanwhile
        assert all(status in ALLOWED for _, status in answers)
        assert feed_errors == []  # storing an event met no delete either
    finally:
        async with database.transaction() as connection:
            sql = SQL(connection)
            await sql.execute(REMOVE_HOOKS, owner=str(admin["id"]))
            await sql.execute(REMOVE_EVENTS, ids=[uuid.UUID(i) for i in stored])
            await sql.execute(Query(delete(api_keys).where(api_keys.c.id == admin["id"])))
        await database.dispose()
        await app.proxy.close()
