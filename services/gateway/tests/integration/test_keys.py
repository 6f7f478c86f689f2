"""``/api/v1/keys``: only admins issue and revoke; a key is shown once and works at once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import bindparam, delete

from clusterkit.database import Database
from clusterkit.errors import InvalidFields
from clusterkit.sql import SQL, Query
from clusterkit.testing import TestDatabase
from gateway import cli
from gateway.keys.rules import hash_key
from gateway.tables import api_keys

from ..conftest import bearer, issued

KEYS = "/api/v1/keys"


@pytest.fixture
async def admin(db: Database) -> str:
    key: str = (await issued(db, "admin"))["key"]
    return key


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
    assert (body["role"], body["organisation_id"], body["revoked_at"]) == ("member", "m-1", None)

    listed = (await client.get(KEYS, headers=bearer(admin))).json()["items"]
    assert body["id"] in [k["id"] for k in listed]
    assert all("key" not in k for k in listed)
    assert next(k for k in listed if k["id"] == body["id"]) == {
        k: v for k, v in body.items() if k != "key"
    }

    # the new key authenticates (not an admin, so 403 here)
    assert (await client.get(KEYS, headers=bearer(body["key"]))).status_code == 403
    revoked = await client.delete(f"{KEYS}/{body['id']}", headers=bearer(admin))
    assert revoked.status_code == 204
    # revoked at once on this instance, even with a 60 s key cache
    refused = await client.get(KEYS, headers=bearer(body["key"]))
    assert refused.status_code == 401
    assert refused.json()["type"].endswith("/invalid-api-key")
    assert refused.headers["www-authenticate"].startswith("Bearer")
    listed = (await client.get(KEYS, headers=bearer(admin))).json()["items"]
    first_revoke = next(k for k in listed if k["id"] == body["id"])["revoked_at"]
    assert first_revoke is not None
    assert (await client.delete(f"{KEYS}/{body['id']}", headers=bearer(admin))).status_code == 204
    listed = (await client.get(KEYS, headers=bearer(admin))).json()["items"]
    assert next(k for k in listed if k["id"] == body["id"])["revoked_at"] == first_revoke
    missing = await client.delete(
        f"{KEYS}/00000000-0000-0000-0000-000000000000", headers=bearer(admin)
    )
    assert missing.status_code == 404


async def test_keys_are_listed_newest_first_a_page_at_a_time(
    client: httpx.AsyncClient, db: Database, admin: str
) -> None:
    made = [(await issued(db, "procurement"))["id"] for _ in range(3)]
    seen: list[tuple[str, str]] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(KEYS, params=params, headers=bearer(admin))).json()
        seen += [(k["created_at"], k["id"]) for k in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    # newest first (one transaction here: one creation time, then by id), each once
    assert seen == sorted(set(seen), reverse=True)
    assert {str(m) for m in made} <= {key_id for _, key_id in seen}
    bad = await client.get(KEYS, params={"cursor": "not-ours"}, headers=bearer(admin))
    assert bad.status_code == 400


async def test_only_admins_manage_keys_and_requests_are_validated(
    client: httpx.AsyncClient, admin: str
) -> None:
    anonymous = await client.get(KEYS)
    assert anonymous.status_code == 401
    assert anonymous.json()["type"].endswith("/unauthenticated")
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


async def test_keys_need_an_organisation_for_member_and_supplier(db: Database) -> None:
    """Also from the command line (``gateway-keys``), which issues through the same use case."""
    for role in ("member", "supplier"):
        with pytest.raises(InvalidFields) as refused:
            await issued(db, role)
        assert [e["field"] for e in refused.value.errors] == ["organisation_id"]


async def test_gateway_keys_issues_a_key_that_works(
    platform_database: TestDatabase,
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The command line (how the first admin key is made): committed for real, then removed."""
    monkeypatch.setenv("GATEWAY_DATABASE_URL", platform_database.url("gateway"))
    await asyncio.to_thread(cli.main, ["create", "--name", "cli test", "--role", "admin"])
    key = capsys.readouterr().out.strip()
    listed = await client.get(KEYS, headers=bearer(key))
    committed = Database(platform_database.url("gateway"), pool_size=1)
    try:
        async with committed.transaction() as connection:
            removed = await SQL(connection).value(DELETE_KEY, key_hash=hash_key(key))
    finally:
        await committed.dispose()
    assert removed is not None
    assert listed.status_code == 200
    with pytest.raises(SystemExit):
        await asyncio.to_thread(cli.main, ["create", "--name", "x", "--role", "member"])
    assert "organisation_id required for role member" in capsys.readouterr().err


DELETE_KEY = Query(
    delete(api_keys)
    .where(api_keys.c.key_hash == bindparam("key_hash", type_=api_keys.c.key_hash.type))
    .returning(api_keys.c.id)
)
