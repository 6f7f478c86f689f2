"""The event feed on the real database: what the consumer stores (once, in order, with the
deliveries it makes), who reads what, and a cursor that resumes without gap or repeat."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer
from sqlalchemy import func, select

from clusterkit.database import Database
from clusterkit.infra.kafka import KafkaBroker
from clusterkit.sql import SQL, Query
from clusterkit.testing import eventually, service_client
from gateway.feed.service import feed_consumer
from gateway.main import create_app
from gateway.settings import GatewaySettings
from gateway.tables import events, webhook_deliveries

from ..conftest import MEMBER, SUPPLIER, event, store

FEED = "/api/v1/events"


async def read_all(
    client: httpx.AsyncClient, headers: dict[str, str], cursor: str | None = None, **params: Any
) -> tuple[list[dict[str, Any]], str | None]:
    """Read with the cursor, two at a time, until a page comes back empty."""
    seen: list[dict[str, Any]] = []
    for _ in range(50):
        page = await client.get(
            FEED,
            params={"limit": 2, **params, **({"cursor": cursor} if cursor else {})},
            headers=headers,
        )
        assert page.status_code == 200, page.text
        cursor = page.json()["next_cursor"]
        assert cursor
        if not page.json()["items"]:
            return seen, cursor
        seen += page.json()["items"]
    raise AssertionError("the feed did not end")


async def test_the_feed_is_ordered_scoped_by_role_and_resumes_without_gap_or_repeat(
    client: httpx.AsyncClient, db: Database, keys: dict[str, dict[str, str]]
) -> None:
    order = str(uuid.uuid4())
    placed = event(
        "supply.order.placed.v1",
        order,
        order_id=order,
        member={"id": MEMBER, "legal_name": "M", "stir": "123456789"},
        supplier={"id": SUPPLIER, "legal_name": "S", "stir": "987654321", "is_local": True},
    )
    admitted = event("membership.member.admitted.v1", MEMBER, member_id=MEMBER)
    other = event("membership.member.admitted.v1", "x", member_id=str(uuid.uuid4()))
    reported = event("production.report.submitted.v1", MEMBER, organisation_id=MEMBER)
    listed = event("supply.item.listed.v1", "i", item_id="i", supplier={"id": str(uuid.uuid4())})
    await store(db, placed, admitted, other, reported, listed, placed)  # placed redelivered

    everything, cursor = await read_all(client, keys["admin"])
    assert [e["id"] for e in everything] == [
        e.id for e in (placed, admitted, other, reported, listed)
    ]
    first = everything[0]
    assert first["data"]["order_id"] == order
    assert (first["specversion"], first["datacontenttype"]) == ("1.0", "application/json")
    assert (first["source"], first["subject"]) == ("/coppercluster/supply", order)
    procurement, _ = await read_all(client, keys["procurement"])
    assert [e["id"] for e in procurement] == [placed.id, listed.id]
    member, _ = await read_all(client, keys["member"])
    assert [e["id"] for e in member] == [placed.id, admitted.id, reported.id]
    supplier, _ = await read_all(client, keys["supplier"])
    assert [e["id"] for e in supplier] == [placed.id]
    orders, _ = await read_all(client, keys["admin"], types="supply.order,production")
    assert [e["id"] for e in orders] == [placed.id, reported.id]
    underscore, _ = await read_all(client, keys["admin"], types="supply_order")
    assert underscore == []  # a prefix is matched as written ("_" is no wildcard)

    later = [event("supply.order.confirmed.v1", order, order_id=order) for _ in range(3)]
    await store(db, *later)
    # Another gateway instance (or this one restarted) takes the cursor where it stopped.
    settings = GatewaySettings(environment="test", run_workers=False)
    async with service_client(create_app(settings, database=db), "gateway") as restarted:
        resumed, _ = await read_all(restarted, keys["admin"], cursor=cursor)
    assert [e["id"] for e in resumed] == [e.id for e in later]

    assert (await client.get(FEED)).status_code == 401
    bad = await client.get(FEED, params={"cursor": "not-ours"}, headers=keys["admin"])
    assert bad.status_code == 400


async def test_an_event_is_stored_once_with_its_topic_and_parties(db: Database) -> None:
    reported = event("production.report.submitted.v1", MEMBER, organisation_id=MEMBER)
    await store(db, reported, reported)
    query = Query(
        select(events.c.topic, events.c.parties, func.count().over().label("copies")).where(
            events.c.event_id == uuid.UUID(reported.id)
        )
    )
    async with db.connection() as connection:
        row = await SQL(connection).one(query)
    assert row is not None
    assert (row["topic"], row["parties"], row["copies"]) == ("production.events", [MEMBER], 1)


async def test_each_event_is_queued_for_the_subscriptions_that_want_it(
    client: httpx.AsyncClient, db: Database, keys: dict[str, dict[str, str]]
) -> None:
    """Type prefixes (none: every type), and only what the owner may read: a procurement
    subscription never gets membership's events."""
    sink = "http://127.0.0.1:9/hooks"
    subscriptions = {}
    for name, role, types in (
        ("all-admin", "admin", []),
        ("orders-admin", "admin", ["supply.order"]),
        ("all-procurement", "procurement", []),
        ("members-procurement", "procurement", ["membership"]),
    ):
        made = await client.post(
            "/api/v1/webhooks", json={"url": sink, "event_types": types}, headers=keys[role]
        )
        assert made.status_code == 201, made.text
        subscriptions[made.json()["id"]] = name
    order = str(uuid.uuid4())
    await store(
        db,
        event("supply.order.placed.v1", order, order_id=order),
        event("membership.member.admitted.v1", MEMBER, member_id=MEMBER),
    )
    d = webhook_deliveries.c
    query = Query(
        select(d.webhook_id, events.c.type, d.subject, d.status).join(
            events, events.c.position == d.event_position
        )
    )
    async with db.connection() as connection:
        rows = await SQL(connection).fetch(query)
    queued = {(subscriptions[str(r["webhook_id"])], r["type"].split(".")[2]) for r in rows}
    assert queued == {
        ("all-admin", "supply"),
        ("all-admin", "membership"),
        ("orders-admin", "supply"),
        ("all-procurement", "supply"),
    }
    assert {(r["status"]) for r in rows} == {"pending"}


async def test_the_feed_consumer_stores_what_the_topics_carry_once(
    db: Database, kafka_broker: KafkaBroker, kafka_topic: str
) -> None:
    """Every type, as its envelope (``Handlers().any``); a redelivery changes nothing."""
    settings = GatewaySettings(
        environment="test",
        kafka_bootstrap_servers=kafka_broker.bootstrap_servers,
        event_topics=[kafka_topic],
    )
    consumer = feed_consumer(SimpleNamespace(settings=settings, database=db))  # type: ignore[arg-type]
    assert consumer.group_id == "gateway.event-feed"
    disabled = event("gateway.webhook.disabled.v1", "w", webhook_id="w", url="u", reason="r")
    admitted = event("membership.member.admitted.v1", MEMBER, member_id=MEMBER)
    producer = AIOKafkaProducer(bootstrap_servers=kafka_broker.bootstrap_servers)
    await producer.start()
    try:
        for record in (disabled, admitted, disabled):
            await producer.send_and_wait(
                kafka_topic, record.kafka_value(), key=record.key, headers=record.kafka_headers()
            )
    finally:
        await producer.stop()
    stored = Query(select(events.c.event_id, events.c.topic).order_by(events.c.position))

    async def feed() -> list[tuple[str, str]]:
        async with db.connection() as connection:
            rows = await SQL(connection).fetch(stored)
        return [(str(row["event_id"]), row["topic"]) for row in rows]

    running = asyncio.create_task(consumer.run())
    try:
        await eventually(lambda: _has(feed, admitted.id), within=60)
        await asyncio.sleep(1)  # time for the redelivered copy to arrive
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running
    # two keys, two partitions: in the order they were consumed, each once
    assert sorted(await feed()) == sorted(
        [(disabled.id, "gateway.events"), (admitted.id, "membership.events")]
    )


async def _has(feed: Callable[[], Awaitable[list[tuple[str, str]]]], event_id: str) -> bool:
    return event_id in {stored for stored, _ in await feed()}
