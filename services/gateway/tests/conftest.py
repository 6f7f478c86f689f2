"""The gateway's fixtures: its schema in a rolled-back transaction, an in-process client of
its app, and helpers to issue keys and to put events in the feed as the consumer does."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiohttp import web

from clusterkit.auth import ANONYMOUS, Caller
from clusterkit.database import Database
from clusterkit.events import CloudEvent
from clusterkit.infra.process import free_port
from clusterkit.infra.redis import RedisServer
from clusterkit.testing import outbox_events, service_fixtures
from clusterkit.unit_of_work import Transactions
from gateway.events import contracts
from gateway.feed.service import store_event
from gateway.keys.service import issue_key
from gateway.main import Gateway, create_app
from gateway.settings import GatewaySettings
from gateway.tables import outbox

# The gateway authenticates API keys itself: ``as_role`` (internal tokens) has no use here.
db, client, _ = service_fixtures(
    "gateway",
    create_app,
    GatewaySettings,
    key_cache_seconds=60,
    webhook_allow_private_addresses=True,
    webhook_retry_base_seconds=0.01,
)


def writes(database: Database, caller: Caller = ANONYMOUS) -> Transactions:
    return Transactions(database, outbox, caller)


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def issued(
    database: Database, role: str, organisation_id: str | None = None, **extra: Any
) -> dict[str, Any]:
    """A key issued as ``gateway-keys`` does (its row, and the key under ``key``)."""
    return await writes(database)(
        issue_key, name=role, role=role, organisation_id=organisation_id, **extra
    )


# The organisations of the ``member`` and ``supplier`` keys of ``keys``.
MEMBER, SUPPLIER = str(uuid.uuid4()), str(uuid.uuid4())


@pytest.fixture
async def keys(db: Database) -> dict[str, dict[str, str]]:
    """An API key per caller, as its Authorization header: ``admin``, ``procurement``,
    ``other`` (a second procurement key), ``member`` (of MEMBER) and ``supplier`` (of
    SUPPLIER)."""
    made = {}
    for name, role, organisation in (
        ("admin", "admin", None),
        ("procurement", "procurement", None),
        ("other", "procurement", None),
        ("member", "member", MEMBER),
        ("supplier", "supplier", SUPPLIER),
    ):
        made[name] = bearer((await issued(db, role, organisation))["key"])
    return made


def event(type_: str, subject: str, **data: Any) -> CloudEvent:
    """An event of ``uz.coppercluster.<type_>`` from the service the type names."""
    service = type_.split(".")[0]
    return CloudEvent(
        type=f"uz.coppercluster.{type_}",
        source=f"/coppercluster/{service}",
        subject=subject,
        data=data,
        id=str(uuid.uuid4()),
    )


async def store(database: Database, *stored: CloudEvent) -> None:
    """Into the feed, one transaction each, as the feed consumer stores them."""
    for one in stored:
        await writes(database)(store_event, one)


async def published(database: Database) -> list[tuple[str, str, dict[str, Any]]]:
    """The gateway's own events in its outbox as (type, subject, data), each checked against
    its schema."""
    return await outbox_events(database, outbox, contracts)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A real redis-server of this run (the shared rate limits), installed when missing."""
    server = RedisServer(Path(tmp_path_factory.mktemp("redis")), free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


SECRET = "gateway-tests-secret-gateway-tests"
SERVICES = ("membership", "production", "supply")
Gateways = Callable[..., httpx.AsyncClient]


def gateway_settings(**values: Any) -> GatewaySettings:
    """A gateway's settings in a test: ``values`` and the tests' internal token secret (the
    one a test verifies forwarded tokens with)."""
    return GatewaySettings(environment="test", internal_token_secret=SECRET, **values)


def services_at(urls: str, *services: str) -> dict[str, str]:
    """Settings that send ``services`` (all three when none is named) to ``urls``, one or
    more instances comma-separated as the environment gives them."""
    return {f"{service}_urls": urls for service in services or SERVICES}


def proxy_settings(**values: Any) -> GatewaySettings:
    """What the proxy tests start from, under ``values``: keys never cached (a revoked key
    fails at once), nothing listening at supply, and anonymous buckets that barely refill
    (a test's burst is all it gets)."""
    return gateway_settings(
        **{
            "supply_url": f"http://127.0.0.1:{free_port()}",
            "key_cache_seconds": 0,
            "rate_per_anonymous_client": 0.01,
            "burst_anonymous_submit": 2,
            **values,
        }
    )


@pytest.fixture
async def gateways(db: Database) -> AsyncIterator[Gateways]:
    """``gateways(address, **settings)``: a gateway app of its own over ``db`` with these
    settings, and an in-process client of it calling from ``address`` (``.app`` on the
    client is the gateway); all closed at the end of the test."""
    made: list[tuple[Gateway, httpx.AsyncClient]] = []

    def make(address: str = "10.4.0.1", **settings: Any) -> httpx.AsyncClient:
        app = create_app(gateway_settings(**settings), database=db)
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        client = httpx.AsyncClient(transport=transport, base_url="http://gateway")
        client.app = app  # type: ignore[attr-defined]
        made.append((app, client))
        return client

    yield make
    for app, client in made:
        await client.aclose()
        await app.proxy.close()


@asynccontextmanager
async def serving(
    answer: Callable[[web.Request], Awaitable[web.StreamResponse]],
) -> AsyncIterator[str]:
    """A stand-in service on loopback answering every path with ``answer``; its base URL."""
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()
