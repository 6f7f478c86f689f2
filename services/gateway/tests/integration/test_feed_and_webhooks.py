"""The gateway's event feed and webhooks, on the real database and a real local HTTP
receiver: order and scoping of the feed, a cursor that resumes without gap or repeat,
signed deliveries checked by an independent implementation, retries, ordering per key,
automatic disable and re-enable without loss, replay, and the SSRF guard."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import time
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

import aiohttp
import httpx
import pytest
from aiohttp import web
from sqlalchemy import insert, text

from clusterkit.database import Database
from clusterkit.events import CloudEvent
from clusterkit.testing import service_client
from gateway.feed import store_event
from gateway.keys import issue_key
from gateway.main import create_app
from gateway.models import webhooks
from gateway.settings import GatewaySettings
from gateway.webhooks import Dispatcher

FEED = "/api/v1/events"
HOOKS = "/api/v1/webhooks"
MEMBER, SUPPLIER = str(uuid.uuid4()), str(uuid.uuid4())


def settings(**overrides: Any) -> GatewaySettings:
    values: dict[str, Any] = {
        "environment": "test",
        "run_workers": False,
        "webhook_retry_base_seconds": 0.01,
        "webhook_disable_after_failures": 4,
        **overrides,
    }
    return GatewaySettings(**values)


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings(webhook_allow_private_addresses=True), database=db)
    async with service_client(app, "gateway") as client:
        yield client


@pytest.fixture
async def keys(db: Database) -> dict[str, dict[str, str]]:
    made = {}
    async with db.legacy.session() as session:
        for role, organisation in (
            ("admin", None),
            ("procurement", None),
            ("member", MEMBER),
            ("supplier", SUPPLIER),
        ):
            issued = await issue_key(session, name=role, role=role, organisation_id=organisation)
            made[role] = {"Authorization": f"Bearer {issued.key}"}
        await session.commit()
    return made


def event(type_: str, subject: str, **data: Any) -> CloudEvent:
    service = type_.split(".")[2]
    return CloudEvent(
        type=f"uz.coppercluster.{type_}",
        source=f"/coppercluster/{service}",
        subject=subject,
        data=data,
    )


async def store(db: Database, *stored: CloudEvent) -> None:
    for one in stored:
        async with db.legacy.session() as session:
            await store_event(session, one)
            await session.commit()


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
    assert everything[0]["data"]["order_id"] == order
    procurement, _ = await read_all(client, keys["procurement"])
    assert [e["id"] for e in procurement] == [placed.id, listed.id]
    member, _ = await read_all(client, keys["member"])
    assert [e["id"] for e in member] == [placed.id, admitted.id, reported.id]
    supplier, _ = await read_all(client, keys["supplier"])
    assert [e["id"] for e in supplier] == [placed.id]
    orders, _ = await read_all(client, keys["admin"], types="supply.order,production")
    assert [e["id"] for e in orders] == [placed.id, reported.id]

    later = [event("supply.order.confirmed.v1", order, order_id=order) for _ in range(3)]
    await store(db, *later)
    # Another gateway instance (or this one restarted) takes the cursor where it stopped.
    restarted = create_app(settings(), database=db)
    async with service_client(restarted, "gateway") as other:
        resumed, _ = await read_all(other, keys["admin"], cursor=cursor)
    assert [e["id"] for e in resumed] == [e.id for e in later]

    assert (await client.get(FEED)).status_code == 401
    bad = await client.get(FEED, params={"cursor": "not-ours"}, headers=keys["admin"])
    assert bad.status_code == 400


class Receiver:
    """A local HTTP endpoint that verifies Standard Webhooks signatures on its own (stdlib
    hmac, not the gateway's code) and can be told to fail."""

    def __init__(self) -> None:
        self.secret = ""
        self.fail_next = 0
        self.always_fail = False
        self.received: list[dict[str, Any]] = []
        self.ids: list[str] = []

    def verified(self, headers: Any, body: bytes) -> bool:
        key = base64.b64decode(self.secret.removeprefix("whsec_"))
        message = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
        expected = base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
        fresh = abs(time.time() - int(headers["webhook-timestamp"])) < 300
        offered = [s.removeprefix("v1,") for s in headers["webhook-signature"].split()]
        return fresh and any(hmac.compare_digest(expected, s) for s in offered)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        if not self.verified(request.headers, body):
            return web.Response(status=401, text="bad signature")
        if self.always_fail or self.fail_next:
            self.fail_next = max(0, self.fail_next - 1)
            return web.Response(status=500, text="receiver down for maintenance")
        self.received.append(await request.json())
        self.ids.append(request.headers["webhook-id"])
        return web.Response(status=204)


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[Receiver, str]]:
    target = Receiver()
    app = web.Application()
    app.router.add_post("/hooks", target.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield target, f"http://127.0.0.1:{port}/hooks"
    finally:
        await runner.cleanup()


async def drain(dispatcher: Dispatcher, until: Callable[[], bool], within: float = 20) -> None:
    """Run delivery rounds until ``until()`` holds (bounded)."""
    deadline = time.monotonic() + within
    async with aiohttp.ClientSession() as http:
        while not until():
            assert time.monotonic() < deadline, "deliveries did not arrive in time"
            if not await dispatcher.deliver_due(http):
                await asyncio.sleep(0.02)


async def test_webhooks_are_signed_retried_in_order_disabled_enabled_and_replayed(
    client: httpx.AsyncClient,
    db: Database,
    keys: dict[str, dict[str, str]],
    receiver: tuple[Receiver, str],
) -> None:
    target, url = receiver
    created = await client.post(
        HOOKS, json={"url": url, "event_types": ["supply.order"]}, headers=keys["procurement"]
    )
    assert created.status_code == 201, created.text
    hook = created.json()
    target.secret = hook["secret"]
    assert hook["secret"].startswith("whsec_")
    assert (
        "secret"
        not in (await client.get(f"{HOOKS}/{hook['id']}", headers=keys["procurement"])).json()
    )
    dispatcher = Dispatcher(db.legacy, settings(webhook_allow_private_addresses=True))

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
    await drain(dispatcher, lambda: len(target.received) == 3)
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
    failed = next(x for d in log["items"] for x in d["log"] if x["status_code"] == 500)
    assert failed["response_excerpt"] == "receiver down for maintenance"
    assert failed["latency_ms"] >= 0

    # A receiver that keeps failing: the subscription is disabled, with its reason.
    target.always_fail = True
    c = str(uuid.uuid4())
    await store(db, event("supply.order.placed.v1", c, order_id=c))

    async def disabled() -> bool:
        async with aiohttp.ClientSession() as http:
            await dispatcher.deliver_due(http)
        seen = await client.get(f"{HOOKS}/{hook['id']}", headers=keys["procurement"])
        return bool(seen.json()["status"] == "disabled")

    for _ in range(200):
        if await disabled():
            break
        await asyncio.sleep(0.02)
    now = (await client.get(f"{HOOKS}/{hook['id']}", headers=keys["procurement"])).json()
    assert now["status"] == "disabled"
    assert "4 deliveries failed in a row" in now["disabled_reason"]
    feed, _ = await read_all(client, keys["admin"], types="gateway.webhook")
    assert [e["data"]["webhook_id"] for e in feed] == [hook["id"]]

    # Events keep coming while disabled; they wait, and go out once enabled again.
    target.always_fail = False
    d = str(uuid.uuid4())
    await store(db, event("supply.order.placed.v1", d, order_id=d))
    async with aiohttp.ClientSession() as http:
        assert await dispatcher.deliver_due(http) == 0  # nothing goes to a disabled hook
    enabled = await client.patch(
        f"{HOOKS}/{hook['id']}", json={"enabled": True}, headers=keys["procurement"]
    )
    assert enabled.json()["status"] == "active"
    await drain(dispatcher, lambda: len(target.received) == 5)
    assert [e["subject"] for e in target.received[3:]] == [c, d]

    replayed = await client.post(
        f"{HOOKS}/{hook['id']}/replay", json={"event_id": first[0].id}, headers=keys["procurement"]
    )
    assert replayed.json() == {"queued": 1}
    await drain(dispatcher, lambda: len(target.received) == 6)
    assert target.ids[-1] == first[0].id  # the same webhook-id: receivers can deduplicate
    assert (await client.get(f"{HOOKS}/{hook['id']}", headers=keys["member"])).status_code == 403
    others = await client.get(f"{HOOKS}/{hook['id']}", headers=keys["admin"])
    assert others.status_code == 200


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
    ],
)
async def test_the_ssrf_guard_refuses_internal_destinations(
    db: Database, keys: dict[str, dict[str, str]], url: str
) -> None:
    async with service_client(create_app(settings(), database=db), "gateway") as guarded:
        refused = await guarded.post(HOOKS, json={"url": url}, headers=keys["admin"])
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == "url"


async def test_a_delivery_to_an_internal_address_is_not_sent(db: Database) -> None:
    """Checked again when sending: a name may resolve elsewhere than when it was saved."""
    hook = uuid.uuid4()
    async with db.legacy.session() as session:
        await session.execute(
            insert(webhooks).values(
                id=hook,
                url="http://127.0.0.1:9/hooks",
                event_types=[],
                secret="whsec_AAAA",
                owner_role="admin",
                status="active",
                created_at=datetime.now(UTC),
                updated_at=datetime.now(UTC),
            )
        )
        await store_event(session, event("supply.order.placed.v1", "o", order_id="o"))
        await session.commit()
    async with aiohttp.ClientSession() as http:
        assert await Dispatcher(db.legacy, settings()).deliver_due(http) == 1
    async with db.legacy.session() as session:
        error = await session.scalar(text("SELECT error FROM gateway.webhook_attempts"))
    assert error.startswith("not called: ")
