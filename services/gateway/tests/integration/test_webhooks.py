"""Webhooks on the real database and a real local HTTP receiver: signed deliveries checked
by the ``standardwebhooks`` library, retries, ordering per key, automatic disable (and its
event) and re-enable without loss, replay, conditional changes, the SSRF guard, and a
delete that meets the dispatcher."""

from __future__ import annotations

import asyncio
import uuid

import aiohttp
import httpx
import pytest
from sqlalchemy import delete, func, insert, select

from clusterkit.database import Database
from clusterkit.events import CloudEvent
from clusterkit.sql import SQL, Query, parameters
from clusterkit.testing import TestDatabase, service_client
from gateway.events import WEBHOOK_DISABLED
from gateway.main import create_app
from gateway.tables import api_keys, events, webhook_attempts, webhooks
from gateway.webhooks.dispatcher import Dispatcher

from ..conftest import MEMBER, bearer, event, issued, published, store, writes
from .webhook_receiver import HOOKS, Receiver, dispatcher, drain, settings, subscribe


async def test_webhooks_are_signed_retried_in_order_disabled_enabled_and_replayed(
    client: httpx.AsyncClient,
    db: Database,
    keys: dict[str, dict[str, str]],
    receiver: tuple[Receiver, str],
) -> None:
    target, url = receiver
    hook = await subscribe(client, keys["procurement"], receiver, event_types=["supply.order"])
    assert hook["secret"].startswith("whsec_")
    assert hook["event_types"] == ["uz.coppercluster.supply.order"]
    assert (
        "secret"
        not in (await client.get(f"{HOOKS}/{hook['id']}", headers=keys["procurement"])).json()
    )
    sending = dispatcher(db, webhook_disable_after_seconds=0.5)

    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    first = [
        event("supply.order.placed.v1", a, order_id=a),
        event("supply.item.listed.v1", "i", item_id="i"),  # not subscribed
        event("supply.order.placed.v1", b, order_id=b),
        event("supply.order.confirmed.v1", a, order_id=a),
        event("membership.member.admitted.v1", MEMBER, member_id=MEMBER),  # not supply
    ]
    target.fail_next = 2  # the receiver fails, then recovers: retries with backoff
    await store(db, *first)
    await drain(sending, lambda: len(target.received) == 3)
    assert [e["type"].rsplit(".", 2)[-2] for e in target.received if e["subject"] == a] == [
        "placed",
        "confirmed",
    ]  # one order's events in order, though its first delivery failed twice
    assert {e["id"] for e in target.received} == {first[0].id, first[2].id, first[3].id}
    assert target.received[0]["specversion"] == "1.0"
    log = (await client.get(f"{HOOKS}/{hook['id']}/deliveries", headers=keys["procurement"])).json()
    answers = [[x["status_code"] for x in d["log"]] for d in log["items"]]
    assert sorted(code for codes in answers for code in codes) == [204, 204, 204, 500, 500]
    assert all(codes[-1] == 204 for codes in answers)
    assert [d["status"] for d in log["items"]] == ["delivered"] * 3
    assert [d["id"] for d in log["items"]] == sorted((d["id"] for d in log["items"]), reverse=True)
    failed = next(x for d in log["items"] for x in d["log"] if x["status_code"] == 500)
    assert failed["response_excerpt"] == "receiver down for maintenance"
    assert failed["latency_ms"] >= 0
    paged = await client.get(
        f"{HOOKS}/{hook['id']}/deliveries",
        params={"limit": 2, "status": "delivered"},
        headers=keys["procurement"],
    )
    rest = await client.get(
        f"{HOOKS}/{hook['id']}/deliveries",
        params={"cursor": paged.json()["next_cursor"]},
        headers=keys["procurement"],
    )
    assert [d["id"] for d in paged.json()["items"] + rest.json()["items"]] == [
        d["id"] for d in log["items"]
    ]
    pending = await client.get(
        f"{HOOKS}/{hook['id']}/deliveries", params={"status": "pending"}, headers=keys["admin"]
    )
    assert pending.json() == {"items": [], "next_cursor": None}
    assert await published(db) == []  # nothing disabled yet

    # A receiver that keeps failing: the subscription is disabled, with its reason.
    target.always_fail = True
    c = str(uuid.uuid4())
    await store(db, event("supply.order.placed.v1", c, order_id=c))

    async def disabled() -> bool:
        async with aiohttp.ClientSession() as http:
            await sending.deliver_due(http)
        seen = await client.get(f"{HOOKS}/{hook['id']}", headers=keys["procurement"])
        return bool(seen.json()["status"] == "disabled")

    for _ in range(200):
        if await disabled():
            break
        await asyncio.sleep(0.02)
    now = (await client.get(f"{HOOKS}/{hook['id']}", headers=keys["procurement"])).json()
    assert now["status"] == "disabled"
    assert now["consecutive_failures"] >= 2
    assert now["disabled_reason"].startswith("its deliveries failed continuously for ")
    assert "(last: HTTP 500)" in now["disabled_reason"]
    # ... and the gateway says so in its own event, through its outbox.
    assert await published(db) == [
        (
            WEBHOOK_DISABLED,
            hook["id"],
            {"webhook_id": hook["id"], "url": url, "reason": now["disabled_reason"]},
        )
    ]

    # Events keep coming while disabled; they wait, and go out once enabled again.
    target.always_fail = False
    d = str(uuid.uuid4())
    await store(db, event("supply.order.placed.v1", d, order_id=d))
    async with aiohttp.ClientSession() as http:
        assert await sending.deliver_due(http) == 0  # nothing goes to a disabled hook
    enabled = await client.patch(
        f"{HOOKS}/{hook['id']}", json={"enabled": True}, headers=keys["procurement"]
    )
    assert enabled.json()["status"] == "active"
    assert (enabled.json()["disabled_reason"], enabled.json()["consecutive_failures"]) == (None, 0)
    await drain(sending, lambda: len(target.received) == 5)
    assert [e["subject"] for e in target.received[3:]] == [c, d]

    replayed = await client.post(
        f"{HOOKS}/{hook['id']}/replay", json={"event_id": first[0].id}, headers=keys["procurement"]
    )
    assert replayed.status_code == 202
    assert replayed.json() == {"queued": 1}
    await drain(sending, lambda: len(target.received) == 6)
    assert target.ids[-1] == first[0].id  # the same webhook-id: receivers can deduplicate
    log = (await client.get(f"{HOOKS}/{hook['id']}/deliveries", headers=keys["admin"])).json()
    assert log["items"][0]["replay"] is True
    assert (await client.get(f"{HOOKS}/{hook['id']}", headers=keys["member"])).status_code == 403
    others = await client.get(f"{HOOKS}/{hook['id']}", headers=keys["admin"])
    assert others.status_code == 200


async def test_the_disabled_event_reaches_the_feed_and_admin_subscriptions_only(
    client: httpx.AsyncClient, db: Database, keys: dict[str, dict[str, str]]
) -> None:
    """As the feed consumer stores it from ``gateway.events``, like any other event."""
    sink = "http://127.0.0.1:9/hooks"
    hooks = {
        owner: (await client.post(HOOKS, json={"url": sink}, headers=keys[owner])).json()["id"]
        for owner in ("admin", "procurement")
    }
    hook_id = str(uuid.uuid4())
    await store(
        db,
        CloudEvent(
            type=WEBHOOK_DISABLED,
            source="/coppercluster/gateway",
            subject=hook_id,
            data={"webhook_id": hook_id, "url": sink, "reason": "4 deliveries failed"},
        ),
    )
    feed = await client.get("/api/v1/events", params={"types": "gateway"}, headers=keys["admin"])
    assert [e["data"]["webhook_id"] for e in feed.json()["items"]] == [hook_id]
    hidden = await client.get("/api/v1/events", headers=keys["procurement"])
    assert hidden.json()["items"] == []
    for owner, queued in (("admin", 1), ("procurement", 0)):
        log = await client.get(f"{HOOKS}/{hooks[owner]}/deliveries", headers=keys[owner])
        assert len(log.json()["items"]) == queued, owner


async def test_a_change_may_name_the_version_it_was_made_against(
    client: httpx.AsyncClient, keys: dict[str, dict[str, str]]
) -> None:
    admin = keys["admin"]
    created = await client.post(HOOKS, json={"url": "http://127.0.0.1:9/a"}, headers=admin)
    one = f"{HOOKS}/{created.json()['id']}"
    assert created.headers["etag"] == '"1"'
    read = await client.get(one, headers=admin)
    assert read.headers["etag"] == '"1"'

    changed = await client.patch(
        one, json={"event_types": ["supply"]}, headers={**admin, "If-Match": '"1"'}
    )
    assert changed.status_code == 200, changed.text
    assert changed.headers["etag"] == '"2"'
    assert changed.json()["event_types"] == ["uz.coppercluster.supply"]
    for stale in ('"1"', '"stale-version"', 'W/"2"'):
        refused = await client.patch(
            one, json={"url": "http://127.0.0.1:9/b"}, headers={**admin, "If-Match": stale}
        )
        assert refused.status_code == 412, stale
        assert refused.headers["etag"] == '"2"'
        assert refused.json()["type"].endswith("/stale-version")
        assert refused.json()["current_version"] == 2
    malformed = await client.patch(one, json={}, headers={**admin, "If-Match": "not a tag"})
    assert malformed.status_code == 400
    assert (await client.get(one, headers=admin)).json()["url"] == "http://127.0.0.1:9/a"

    unconditional = await client.patch(one, json={"enabled": False}, headers=admin)
    assert unconditional.status_code == 200
    assert unconditional.headers["etag"] == '"3"'
    assert unconditional.json()["status"] == "disabled"
    assert unconditional.json()["disabled_reason"] == "disabled by its owner"
    anything = await client.patch(one, json={"enabled": True}, headers={**admin, "If-Match": "*"})
    assert anything.json()["status"] == "active"
    missing = await client.patch(f"{HOOKS}/{uuid.uuid4()}", json={}, headers=admin)
    assert missing.status_code == 404


async def test_subscriptions_are_their_keys_own(
    client: httpx.AsyncClient, db: Database, keys: dict[str, dict[str, str]]
) -> None:
    sink = {"url": "http://127.0.0.1:9/hooks"}
    mine = (await client.post(HOOKS, json=sink, headers=keys["procurement"])).json()["id"]
    theirs = (await client.post(HOOKS, json=sink, headers=keys["other"])).json()["id"]
    listed = (await client.get(HOOKS, headers=keys["procurement"])).json()
    assert [h["id"] for h in listed["items"]] == [mine]
    everyone = (await client.get(HOOKS, params={"limit": 1}, headers=keys["admin"])).json()
    rest = await client.get(
        HOOKS, params={"cursor": everyone["next_cursor"]}, headers=keys["admin"]
    )
    assert {h["id"] for h in everyone["items"] + rest.json()["items"]} == {mine, theirs}
    one = f"{HOOKS}/{theirs}"
    procurement = keys["procurement"]
    assert (await client.get(one, headers=procurement)).status_code == 404
    assert (await client.patch(one, json={}, headers=procurement)).status_code == 404
    assert (await client.get(f"{one}/deliveries", headers=procurement)).status_code == 404
    replay = await client.post(
        f"{one}/replay", json={"since": "2025-01-01T00:00:00Z"}, headers=procurement
    )
    assert replay.status_code == 404
    assert (await client.delete(one, headers=procurement)).status_code == 404
    assert (await client.delete(one, headers=keys["admin"])).status_code == 204
    assert (await client.get(one, headers=keys["admin"])).status_code == 404
    assert (await client.get(HOOKS)).status_code == 401
    assert (await client.get(HOOKS, headers=keys["member"])).status_code == 403


async def test_a_time_range_is_replayed_in_order(
    client: httpx.AsyncClient, db: Database, keys: dict[str, dict[str, str]]
) -> None:
    hook = await client.post(
        HOOKS,
        json={"url": "http://127.0.0.1:9/hooks", "event_types": ["supply.order"]},
        headers=keys["procurement"],
    )
    one = f"{HOOKS}/{hook.json()['id']}"
    order = str(uuid.uuid4())
    await store(
        db,
        event("supply.order.placed.v1", order, order_id=order),
        event("supply.item.listed.v1", "i", item_id="i"),
        event("supply.order.confirmed.v1", order, order_id=order),
        event("membership.member.admitted.v1", MEMBER, member_id=MEMBER),
    )
    since = {"since": "2000-01-01T00:00:00Z"}
    replayed = await client.post(f"{one}/replay", json=since, headers=keys["procurement"])
    assert replayed.json() == {"queued": 2}
    log = (await client.get(f"{one}/deliveries", headers=keys["procurement"])).json()["items"]
    assert [(d["type"].rsplit(".", 2)[-2], d["replay"]) for d in log] == [
        ("confirmed", True),
        ("placed", True),
        ("confirmed", False),
        ("placed", False),
    ]
    future = {"since": "2999-01-01T00:00:00Z", "until": "3000-01-01T00:00:00Z"}
    nothing = await client.post(f"{one}/replay", json=future, headers=keys["procurement"])
    assert nothing.json() == {"queued": 0}
    unknown = await client.post(
        f"{one}/replay", json={"event_id": str(uuid.uuid4())}, headers=keys["procurement"]
    )
    assert unknown.status_code == 404
    both = await client.post(
        f"{one}/replay",
        json={"event_id": str(uuid.uuid4()), **since},
        headers=keys["procurement"],
    )
    assert both.status_code == 422


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/api/v1/keys",
        "http://localhost/hooks",
        "http://10.1.2.3/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hooks",
        "ftp://files.example.uz/hooks",
        "not a url",
        "http://[not-ipv6/hooks",
        "http://example.uz:99999/hooks",
    ],
)
async def test_the_ssrf_guard_refuses_internal_destinations(
    db: Database, keys: dict[str, dict[str, str]], url: str
) -> None:
    async with service_client(create_app(settings(), database=db), "gateway") as guarded:
        refused = await guarded.post(HOOKS, json={"url": url}, headers=keys["admin"])
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == "url"
        made = await guarded.get(HOOKS, headers=keys["admin"])
        assert made.json()["items"] == []


ADD_WEBHOOK = Query(
    insert(webhooks).values(
        **parameters(webhooks, ["id", "url", "event_types", "secret", "owner_role", "status"]),
        created_at=func.now(),
        updated_at=func.now(),
    )
)


async def test_a_delivery_to_an_internal_address_is_not_sent(db: Database) -> None:
    """Checked again when sending: a name may resolve elsewhere than when it was saved."""
    async with db.transaction() as connection:
        await SQL(connection).execute(
            ADD_WEBHOOK,
            id=uuid.uuid4(),
            url="http://127.0.0.1:9/hooks",
            event_types=[],
            secret="whsec_AAAA",
            owner_role="admin",
            status="active",
        )
    await store(db, event("supply.order.placed.v1", "o", order_id="o"))
    async with aiohttp.ClientSession() as http:
        assert await Dispatcher(writes(db), settings()).deliver_due(http) == 1
    async with db.connection() as connection:
        error = await SQL(connection).value(Query(select(webhook_attempts.c.error)))
    assert error.startswith("not called: ")


async def test_a_delete_waits_for_the_dispatcher_and_never_deadlocks(
    platform_database: TestDatabase, receiver: tuple[Receiver, str]
) -> None:
    """``DELETE /webhooks/{id}`` while the dispatcher holds a delivery of it: the delete waits
    for the round and then goes through; neither side deadlocks. Committed for real, on a
    pool of its own (the two need two connections)."""
    target, url = receiver
    database = Database(platform_database.url("gateway"), pool_size=4)
    admin = await issued(database, "admin")
    app = create_app(settings(webhook_allow_private_addresses=True), database=database)
    stored = event("supply.order.placed.v1", "o", order_id="o")
    hook_id = None
    try:
        async with service_client(app, "gateway") as client:
            created = await client.post(HOOKS, json={"url": url}, headers=bearer(admin["key"]))
            hook_id = uuid.UUID(created.json()["id"])
            target.secret = created.json()["secret"]
            await store(database, stored)
            target.answer.clear()  # the receiver holds its answer: the round holds its rows
            async with aiohttp.ClientSession() as http:
                round_ = asyncio.create_task(dispatcher(database).deliver_due(http))
                await asyncio.wait_for(target.called.wait(), 10)
                removed = asyncio.create_task(
                    client.delete(f"{HOOKS}/{created.json()['id']}", headers=bearer(admin["key"]))
                )
                await asyncio.sleep(0.3)
                assert not removed.done()  # it waits for the round's rows
                target.answer.set()
                assert await asyncio.wait_for(round_, 10) == 1
                assert (await asyncio.wait_for(removed, 10)).status_code == 204
            assert target.ids == [stored.id]
    finally:
        async with database.transaction() as connection:
            sql = SQL(connection)
            if hook_id is not None:  # its deliveries and attempts go with it
                await sql.execute(Query(delete(webhooks).where(webhooks.c.id == hook_id)))
            await sql.execute(
                Query(delete(events).where(events.c.event_id == uuid.UUID(stored.id)))
            )
            await sql.execute(Query(delete(api_keys).where(api_keys.c.id == admin["id"])))
        await database.dispose()
        await app.proxy.close()
