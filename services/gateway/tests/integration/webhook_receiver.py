"""What the webhook tests share: a real local HTTP receiver that verifies Standard Webhooks
signatures with the ``standardwebhooks`` library (not the gateway's code) and can be told
to fail or to hold its answer, a subscription to it, a dispatcher on test settings, and a
bounded drain."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import httpx
import pytest
from aiohttp import web
from standardwebhooks import Webhook, WebhookVerificationError

from clusterkit.database import Database
from gateway.settings import GatewaySettings
from gateway.webhooks.dispatcher import Dispatcher

from ..conftest import event, store, writes

HOOKS = "/api/v1/webhooks"


async def order_event(database: Database) -> str:
    """A ``supply.order.placed.v1`` in the feed (a new order's); its subject."""
    order = str(uuid.uuid4())
    await store(database, event("supply.order.placed.v1", order, order_id=order))
    return order


def settings(**overrides: Any) -> GatewaySettings:
    values: dict[str, Any] = {
        "environment": "test",
        "run_workers": False,
        "webhook_retry_base_seconds": 0.01,
        **overrides,
    }
    return GatewaySettings(**values)


class Receiver:
    """Answers 401 unless the delivery verifies with ``secret``; records, for each delivery
    it accepted, which of ``also`` (other secrets it was told of) verify it too."""

    def __init__(self) -> None:
        self.secret = ""
        self.also: list[str] = []
        self.fail_next = 0
        self.always_fail = False
        self.received: list[dict[str, Any]] = []
        self.ids: list[str] = []
        self.signatures: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.bodies: list[bytes] = []
        self.verified_by: list[list[str]] = []
        self.called = asyncio.Event()
        self.answer = asyncio.Event()
        self.answer.set()

    @staticmethod
    def verifies(secret: str, headers: Any, body: bytes) -> bool:
        try:
            Webhook(secret).verify(body, dict(headers))
        except WebhookVerificationError:
            return False
        return True

    async def handle(self, request: web.Request) -> web.Response:
        self.called.set()
        await self.answer.wait()
        body = await request.read()
        if not self.verifies(self.secret, request.headers, body):
            return web.Response(status=401, text="bad signature")
        if self.always_fail or self.fail_next:
            self.fail_next = max(0, self.fail_next - 1)
            return web.Response(status=500, text="receiver down for maintenance")
        self.received.append(await request.json())
        self.ids.append(request.headers["webhook-id"])
        self.signatures.append(request.headers["webhook-signature"])
        self.headers.append({k.lower(): v for k, v in request.headers.items()})
        self.bodies.append(body)
        self.verified_by.append([s for s in self.also if self.verifies(s, request.headers, body)])
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


async def subscribe(
    client: httpx.AsyncClient,
    key: dict[str, str],
    receiver: tuple[Receiver, str],
    **fields: Any,
) -> dict[str, Any]:
    """The subscription ``key`` makes to the receiver (with ``fields``), which the receiver
    now verifies deliveries of with its secret."""
    target, url = receiver
    created = await client.post(HOOKS, json={"url": url, **fields}, headers=key)
    assert created.status_code == 201, created.text
    hook: dict[str, Any] = created.json()
    target.secret = hook["secret"]
    return hook


def dispatcher(database: Database, **overrides: Any) -> Dispatcher:
    return Dispatcher(writes(database), settings(webhook_allow_private_addresses=True, **overrides))


async def drain(dispatcher: Dispatcher, until: Callable[[], bool], within: float = 20) -> None:
    """Run delivery rounds until ``until()`` holds (bounded)."""
    deadline = time.monotonic() + within
    async with aiohttp.ClientSession() as http:
        while not until():
            assert time.monotonic() < deadline, "deliveries did not arrive in time"
            if not await dispatcher.deliver_due(http):
                await asyncio.sleep(0.02)
