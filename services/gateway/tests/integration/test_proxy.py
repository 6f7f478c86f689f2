"""The gateway's proxy path against a real upstream HTTP server and real API keys."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from aiohttp import web
from sqlalchemy import bindparam, func, update

from clusterkit.auth import InternalTokens
from clusterkit.database import Database
from clusterkit.sql import SQL, Query
from gateway.keys.service import revoke_key
from gateway.main import create_app
from gateway.tables import api_keys

from ..conftest import (
    SECRET,
    gateway_settings,
    issued,
    proxy_settings,
    services_at,
    serving,
    writes,
)

HITS: Counter[str] = Counter()


@pytest.fixture
async def upstream() -> AsyncIterator[str]:
    """A stand-in service that echoes what reached it (the real ones run in tests/e2e).
    ``?drop-once`` closes the connection on the first call to a path, as a crash would."""

    async def echo(request: web.Request) -> web.StreamResponse:
        HITS[request.path] += 1
        if "sleep" in request.query:
            await asyncio.sleep(float(request.query["sleep"]))
        if "drop-once" in request.query and HITS[request.path] == 1:
            assert request.transport is not None
            request.transport.close()
            return web.Response()
        body = await request.read()
        return web.json_response(
            {
                "path": request.path_qs,
                "method": request.method,
                "body": body.decode(),
                "headers": dict(request.headers),
            },
            status=int(request.query.get("status", "200")),
            headers={"X-Upstream": "yes"},
        )

    async with serving(echo) as url:
        yield url


Clients = Callable[[str], httpx.AsyncClient]


@pytest.fixture
async def clients(upstream: str, db: Database) -> AsyncIterator[Clients]:
    """HTTP clients of one gateway, each from its own address."""
    settings = proxy_settings(
        **services_at(upstream, "membership", "production"),  # supply: nothing listening
        burst_per_anonymous_client=6,
        breaker_threshold=3,
        breaker_cooldown_seconds=60,
        max_body_bytes=2000,
    )
    app = create_app(settings, database=db)
    opened: list[httpx.AsyncClient] = []

    def client(address: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        opened.append(httpx.AsyncClient(transport=transport, base_url="http://gateway"))
        return opened[-1]

    client.app = app  # type: ignore[attr-defined]
    yield client
    for c in opened:
        await c.aclose()
    await app.proxy.close()


@pytest.fixture
def gateway(clients: Clients) -> httpx.AsyncClient:
    return clients(f"10.1.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}")


async def test_anonymous_calls_reach_the_service_with_a_signed_anonymous_token(
    gateway: httpx.AsyncClient,
) -> None:
    response = await gateway.post(
        "/api/v1/membership/applications?x=1", json={"a": 1}, headers={"X-Request-ID": "rid-1"}
    )
    assert response.status_code == 200
    seen = response.json()
    assert seen["path"] == "/api/v1/membership/applications?x=1"
    assert json.loads(seen["body"]) == {"a": 1}
    assert response.headers["x-upstream"] == "yes"
    assert response.headers["x-request-id"] == "rid-1"
    forwarded = {k.lower(): v for k, v in seen["headers"].items()}
    assert forwarded["x-request-id"] == "rid-1"
    caller = InternalTokens(SECRET).verify(forwarded["x-internal-token"], audience="membership")
    assert caller.role == "anonymous"


async def test_a_key_becomes_its_role_and_is_never_forwarded(
    gateway: httpx.AsyncClient, db: Database
) -> None:
    member = await issued(db, "member", "org-7")
    response = await gateway.get(
        "/api/v1/production/reports",
        headers={"Authorization": f"Bearer {member['key']}", "X-Internal-Token": "forged"},
    )
    forwarded = {k.lower(): v for k, v in response.json()["headers"].items()}
    assert "authorization" not in forwarded
    caller = InternalTokens(SECRET).verify(forwarded["x-internal-token"], audience="production")
    assert (caller.role, caller.organisation_id, caller.key_id) == (
        "member",
        "org-7",
        str(member["id"]),
    )


EXPIRE = Query(
    update(api_keys)
    .where(api_keys.c.id == bindparam("key_id", type_=api_keys.c.id.type))
    .values(expires_at=func.now() - timedelta(seconds=1))
)


async def test_unknown_revoked_or_expired_keys_are_401(
    gateway: httpx.AsyncClient, db: Database
) -> None:
    revoked = await issued(db, "admin")
    await writes(db)(revoke_key, key_id=revoked["id"])
    expired = await issued(db, "procurement", expires_at=datetime.now(UTC) + timedelta(hours=1))
    async with db.transaction() as connection:
        await SQL(connection).execute(EXPIRE, key_id=expired["id"])
    for key in ("ccp_unknown", revoked["key"], expired["key"], ""):
        response = await gateway.get(
            "/api/v1/membership/applications", headers={"Authorization": f"Bearer {key}"}
        )
        assert response.status_code == 401, key
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"].endswith("/invalid-api-key")
        assert response.headers["www-authenticate"].startswith("Bearer")
    basic = await gateway.get("/api/v1/membership/x", headers={"Authorization": "Basic eDp5"})
    assert basic.status_code == 401


async def test_upstream_status_codes_pass_through_and_a_dead_upstream_is_502(
    gateway: httpx.AsyncClient,
) -> None:
    assert (await gateway.get("/api/v1/membership/x?status=409")).status_code == 409
    dead = await gateway.get("/api/v1/supply/catalogue")
    assert dead.status_code == 502
    assert dead.headers["content-type"] == "application/problem+json"
    assert dead.json()["type"].endswith("/upstream-unavailable")
    assert dead.json()["detail"] == "The supply service is not reachable."
    assert dead.headers["retry-after"] == "2"


async def test_a_flood_from_one_client_is_429_without_starving_others(clients: Clients) -> None:
    flooder, neighbour = clients("10.9.0.1"), clients("10.9.0.2")
    answers = [await flooder.get("/api/v1/production/organisations") for _ in range(8)]
    assert [a.status_code for a in answers] == [200] * 6 + [429] * 2
    refused = answers[-1]
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/rate-limited")
    assert len(refused.headers.get_list("retry-after")) == 1
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.headers["ratelimit-policy"].startswith('"anonymous"')
    assert refused.headers["ratelimit"].startswith('"anonymous";r=0;')
    assert answers[0].headers["ratelimit"].startswith('"anonymous";r=5;')
    assert (await neighbour.get("/api/v1/production/organisations")).status_code == 200


async def test_anonymous_submits_have_a_tighter_limit_than_reads(clients: Clients) -> None:
    client = clients("10.9.1.1")
    submits = [await client.post("/api/v1/membership/applications", json={}) for _ in range(3)]
    assert [s.status_code for s in submits] == [200, 200, 429]
    assert submits[-1].headers["ratelimit-policy"].startswith('"anonymous-submit"')
    assert (await client.get("/api/v1/membership/members")).status_code == 200


async def test_keyed_calls_have_their_own_bucket(clients: Clients, db: Database) -> None:
    procurement = await issued(db, "procurement")
    client = clients("10.9.2.1")
    for _ in range(6):
        await client.get("/api/v1/production/x")
    assert (await client.get("/api/v1/production/x")).status_code == 429
    keyed = await client.get(
        "/api/v1/production/x", headers={"Authorization": f"Bearer {procurement['key']}"}
    )
    assert keyed.status_code == 200
    assert keyed.headers["ratelimit-policy"].startswith('"per-key"')


async def test_only_requests_safe_to_repeat_are_retried(gateway: httpx.AsyncClient) -> None:
    read = await gateway.get("/api/v1/membership/read?drop-once")
    assert read.status_code == 200
    assert HITS["/api/v1/membership/read"] == 2

    create = await gateway.post("/api/v1/membership/create?drop-once", json={})
    assert create.status_code == 502
    assert create.headers["content-type"] == "application/problem+json"
    assert HITS["/api/v1/membership/create"] == 1

    keyed = await gateway.post(
        "/api/v1/membership/keyed?drop-once", json={}, headers={"Idempotency-Key": "k-1"}
    )
    assert keyed.status_code == 200
    assert HITS["/api/v1/membership/keyed"] == 2


async def test_the_breaker_fails_fast_while_a_service_is_down(gateway: httpx.AsyncClient) -> None:
    first = await gateway.get("/api/v1/supply/catalogue")
    assert first.status_code == 502
    assert first.json()["request_id"] == first.headers["x-request-id"]
    fast = await gateway.get("/api/v1/supply/catalogue")
    assert fast.status_code == 503
    assert fast.json()["type"].endswith("/upstream-unavailable")
    assert fast.json()["detail"] == "The supply service is failing; not calling it for now."
    assert len(fast.headers.get_list("retry-after")) == 1
    assert int(fast.headers["retry-after"]) > 1
    # other services are unaffected
    assert (await gateway.get("/api/v1/membership/x")).status_code == 200


async def test_bodies_over_the_limit_are_413(gateway: httpx.AsyncClient) -> None:
    big = await gateway.post(
        "/api/v1/membership/applications",
        content=b"x" * 2001,
        headers={"content-type": "application/json"},
    )
    assert big.status_code == 413
    assert big.headers["content-type"] == "application/problem+json"
    assert big.json()["type"].endswith("/body-too-large")

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b"y" * 1000

    streamed = await gateway.post("/api/v1/membership/stream", content=chunks())
    assert streamed.status_code == 413
    assert streamed.json()["type"].endswith("/body-too-large")


async def test_an_upstream_that_does_not_answer_in_time_is_504(upstream: str, db: Database) -> None:
    settings = gateway_settings(membership_url=upstream, upstream_timeout_seconds=0.2)
    app = create_app(settings, database=db)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            slow = await client.get("/api/v1/membership/slow?sleep=1")
    finally:
        await app.proxy.close()
    assert slow.status_code == 504
    assert slow.json()["type"].endswith("/upstream-timeout")
    assert slow.json()["detail"] == "The membership service did not answer in time."


async def test_a_raw_dot_segment_path_is_404(clients: Clients) -> None:
    # HTTP clients normalise "..", so speak ASGI directly, as a hostile raw request would.
    app = clients.app  # type: ignore[attr-defined]
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    raw = b"/api/v1/membership/../production/x"
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": raw.decode(),
        "raw_path": raw,
        "query_string": b"",
        "headers": [],
        "client": ("10.7.0.1", 1),
        "server": ("gateway", 80),
    }
    await app(scope, receive, send)
    assert sent[0]["status"] == 404
    problem = json.loads(sent[1]["body"])  # type: ignore[arg-type]
    assert problem["type"].endswith("/not-found")
    assert problem["detail"] == "No such path."


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/membership/%2e%2e/production/x",
        "/api/v1/membership/a%2Fb",
        "/api/v1/warehouse/items",
        "/api/v2/membership/applications",
    ],
)
async def test_traversal_and_unknown_prefixes_are_404(
    gateway: httpx.AsyncClient, path: str
) -> None:
    response = await gateway.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_an_injected_request_id_is_replaced(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get(
        "/api/v1/membership/x", headers={"X-Request-ID": "abc\r\nSet-Cookie: evil=1"}
    )
    assert response.status_code == 200
    rid = response.headers["x-request-id"]
    assert "evil" not in rid
    assert len(rid) == 32
    forwarded = {k.lower(): v for k, v in response.json()["headers"].items()}
    assert forwarded["x-request-id"] == rid
