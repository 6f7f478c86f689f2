"""The gateway's proxy path against a real upstream HTTP server and real API keys."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from aiohttp import web
from sqlalchemy import update

from clusterkit.auth import InternalTokens
from clusterkit.db import Database
from clusterkit.infra.process import free_port
from gateway.keys import issue_key
from gateway.main import create_app
from gateway.models import api_keys
from gateway.settings import GatewaySettings

SECRET = "gateway-tests-secret-gateway-tests"


@pytest.fixture
async def upstream() -> AsyncIterator[str]:
    """A stand-in service that echoes what reached it (the real ones run in tests/e2e)."""

    async def echo(request: web.Request) -> web.Response:
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

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", echo)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


@pytest.fixture
async def gateway(upstream: str, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    settings = GatewaySettings(
        environment="test",
        internal_token_secret=SECRET,  # type: ignore[arg-type]
        membership_url=upstream,
        production_url=upstream,
        supply_url=f"http://127.0.0.1:{free_port()}",  # nothing listens there
        key_cache_seconds=0,
    )
    app = create_app(settings, database=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://gateway"
    ) as client:
        yield client
    await app.proxy.close()


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
    async with db.session() as session:
        issued = await issue_key(session, name="m", role="member", organisation_id="org-7")
        await session.commit()
    response = await gateway.get(
        "/api/v1/production/reports",
        headers={"Authorization": f"Bearer {issued.key}", "X-Internal-Token": "forged"},
    )
    forwarded = {k.lower(): v for k, v in response.json()["headers"].items()}
    assert "authorization" not in forwarded
    caller = InternalTokens(SECRET).verify(forwarded["x-internal-token"], audience="production")
    assert (caller.role, caller.organisation_id, caller.key_id) == (
        "member",
        "org-7",
        str(issued.id),
    )


async def test_unknown_revoked_or_expired_keys_are_401(
    gateway: httpx.AsyncClient, db: Database
) -> None:
    async with db.session() as session:
        revoked = await issue_key(session, name="r", role="admin")
        expired = await issue_key(
            session,
            name="e",
            role="procurement",
            expires_at=datetime.now(UTC) - timedelta(seconds=1),
        )
        await session.execute(
            update(api_keys).where(api_keys.c.id == revoked.id).values(revoked_at=datetime.now(UTC))
        )
        await session.commit()
    for key in ("ccp_unknown", revoked.key, expired.key, ""):
        response = await gateway.get(
            "/api/v1/membership/applications", headers={"Authorization": f"Bearer {key}"}
        )
        assert response.status_code == 401, key
        assert response.headers["content-type"] == "application/problem+json"
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
    assert dead.json()["detail"] == "The supply service is not reachable."


async def test_keys_need_an_organisation_for_member_and_supplier(db: Database) -> None:
    async with db.session() as session:
        for role in ("member", "supplier"):
            with pytest.raises(ValueError, match="organisation"):
                await issue_key(session, name="x", role=role)  # type: ignore[arg-type]
