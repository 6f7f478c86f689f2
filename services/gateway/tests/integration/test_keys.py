"""``/api/v1/keys``: only admins issue and revoke; a key is shown once and works at once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from clusterkit.database import Database
from clusterkit.testing import service_client
from gateway.keys import issue_key
from gateway.main import create_app
from gateway.settings import GatewaySettings

KEYS = "/api/v1/keys"


@pytest.fixture
async def admin(db: Database) -> str:
    async with db.legacy.session() as session:
        issued = await issue_key(session, name="root", role="admin")
        await session.commit()
    return issued.key


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    settings = GatewaySettings(environment="test", key_cache_seconds=60)
    async with service_client(create_app(settings, database=db), "gateway") as client:
        yield client


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def test_an_admin_issues_a_key_shown_once_and_revokes_it(
    client: httpx.AsyncClient, admin: str
) -> None:
    created = await client.post(
        KEYS,
        json={"name": "erp", "role": "member", "organisation_id": "m-1"},
        headers=bearer(admin),
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["key"].startswith(body["prefix"])
    assert (body["role"], body["organisation_id"]) == ("member", "m-1")

    listed = (await client.get(KEYS, headers=bearer(admin))).json()["items"]
    assert body["id"] in [k["id"] for k in listed]
    assert all("key" not in k for k in listed)

    # the new key authenticates (not an admin, so 403 here)
    assert (await client.get(KEYS, headers=bearer(body["key"]))).status_code == 403
    revoked = await client.delete(f"{KEYS}/{body['id']}", headers=bearer(admin))
    assert revoked.status_code == 204
    # revoked at once on this instance, even with a 60 s key cache
    assert (await client.get(KEYS, headers=bearer(body["key"]))).status_code == 401
    assert (await client.delete(f"{KEYS}/{body['id']}", headers=bearer(admin))).status_code == 204
    missing = await client.delete(
        f"{KEYS}/00000000-0000-0000-0000-000000000000", headers=bearer(admin)
    )
    assert missing.status_code == 404


async def test_only_admins_manage_keys_and_requests_are_validated(
    client: httpx.AsyncClient, admin: str
) -> None:
    assert (await client.get(KEYS)).status_code == 401
    assert (await client.get(KEYS, headers=bearer("ccp_nope"))).status_code == 401
    assert (await client.post(KEYS, json={"name": "x", "role": "admin"})).status_code == 401
    for bad, field in (
        ({"name": "x", "role": "supplier"}, "organisation_id"),
        ({"name": "x", "role": "root"}, "role"),
        ({"name": "", "role": "admin"}, "name"),
        (
            {
                "name": "x",
                "role": "procurement",
                "expires_at": (datetime.now(UTC) - timedelta(days=1)).isoformat(),
            },
            "expires_at",
        ),
    ):
        response = await client.post(KEYS, json=bad, headers=bearer(admin))
        assert response.status_code == 422, bad
        assert response.headers["content-type"] == "application/problem+json"
        assert [e["field"] for e in response.json()["errors"]] == [field]
