"""Webhook secrets on the real database with a real receiver verifying with the
``standardwebhooks`` library: rotation (both signatures during the overlap, new first; only
the new one after), who may rotate, secrets sealed at rest and never logged, clear secrets
of an older release sealed, and the key rotation (``gateway-keys reseal-webhook-secrets``)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet
from sqlalchemy import delete, func, insert, literal_column, select

from clusterkit.database import Database
from clusterkit.sql import SQL, Query, parameters
from clusterkit.testing import TestDatabase, service_client
from gateway import cli
from gateway.main import create_app
from gateway.tables import api_keys, webhooks
from gateway.webhooks.sealing import SecretBox, box_of, seal_clear_secrets

from ..conftest import bearer, issued, writes
from .webhook_receiver import (
    HOOKS,
    Receiver,
    dispatcher,
    drain,
    order_event,
    settings,
    subscribe,
)

ROWS = Query(select(literal_column("webhooks::text").label("row")).select_from(webhooks))
SEALED = Query(
    select(
        webhooks.c.id,
        webhooks.c.secret,
        webhooks.c.secret_sealed,
        webhooks.c.previous_secret_sealed,
    ).order_by(webhooks.c.id)
)
ADD_CLEAR = Query(
    insert(webhooks).values(
        **parameters(webhooks, ["id", "url", "event_types", "secret", "owner_role", "status"]),
        created_at=func.now(),
        updated_at=func.now(),
    )
)
PREFIX = "uz.coppercluster.supply.order"


async def rows_as_text(database: Database) -> str:
    async with database.connection() as connection:
        return "\n".join(row["row"] for row in await SQL(connection).fetch(ROWS))


async def test_a_rotated_secret_signs_beside_the_old_one_during_the_overlap_then_alone(
    client: httpx.AsyncClient,
    db: Database,
    keys: dict[str, dict[str, str]],
    receiver: tuple[Receiver, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    target, url = receiver
    owner = keys["procurement"]
    hook = await subscribe(client, owner, receiver, event_types=["supply"])
    one = f"{HOOKS}/{hook['id']}"
    first = hook["secret"]
    sending = dispatcher(db)
    await order_event(db)
    await drain(sending, lambda: len(target.received) == 1)
    assert len(target.signatures[-1].split(" ")) == 1

    stale = await client.post(f"{one}/secret/rotate", headers={**owner, "If-Match": '"7"'})
    assert stale.status_code == 412
    assert stale.headers["etag"] == '"1"'
    before = datetime.now(UTC)
    rotated = await client.post(f"{one}/secret/rotate", headers={**owner, "If-Match": '"1"'})
    assert rotated.status_code == 200, rotated.text
    assert rotated.headers["etag"] == '"2"'
    body = rotated.json()
    second = body["secret"]
    assert second.startswith("whsec_")
    assert second != first
    until = datetime.fromisoformat(body["previous_secret_until"])
    assert before + timedelta(hours=23) < until < before + timedelta(hours=25)
    assert {k: body[k] for k in ("id", "url", "status")} == {
        "id": hook["id"],
        "url": url,
        "status": "active",
    }
    assert "secret" not in (await client.get(one, headers=owner)).json()

    # During the overlap: two signatures, the new one first; each secret verifies.
    target.secret, target.also = second, [first]
    await order_event(db)
    await drain(sending, lambda: len(target.received) == 2)
    newest, oldest = target.signatures[-1].split(" ")
    assert target.verified_by[-1] == [first]  # the old secret verifies it too
    headers, body_sent = target.headers[-1], target.bodies[-1]
    assert Receiver.verifies(second, {**headers, "webhook-signature": newest}, body_sent)
    assert Receiver.verifies(first, {**headers, "webhook-signature": oldest}, body_sent)
    assert not Receiver.verifies(first, {**headers, "webhook-signature": newest}, body_sent)

    # Another rotation under a short overlap: once it is over, only the newest signs.
    short = settings(webhook_secret_overlap_seconds=0.3, webhook_allow_private_addresses=True)
    async with service_client(create_app(short, database=db), "gateway") as brief:
        third = (await brief.post(f"{one}/secret/rotate", headers=owner)).json()["secret"]
    await asyncio.sleep(0.4)
    target.secret, target.also = third, [second, first]
    await order_event(db)
    await drain(sending, lambda: len(target.received) == 3)
    assert len(target.signatures[-1].split(" ")) == 1
    assert target.verified_by[-1] == []  # neither old secret verifies any more

    # No secret in clear in the database, nor in any log record.
    stored = await rows_as_text(db)
    for secret in (first, second, third):
        assert secret not in stored
        assert secret.removeprefix("whsec_") not in stored
        assert all(secret.removeprefix("whsec_") not in repr(r.__dict__) for r in caplog.records)


async def test_only_the_owner_or_an_admin_rotates(
    client: httpx.AsyncClient, keys: dict[str, dict[str, str]]
) -> None:
    sink = {"url": "http://127.0.0.1:9/hooks"}
    hook = (await client.post(HOOKS, json=sink, headers=keys["procurement"])).json()
    rotate = f"{HOOKS}/{hook['id']}/secret/rotate"
    refused = await client.post(rotate, headers=keys["other"])
    assert refused.status_code == 403, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert (await client.post(rotate, headers=keys["member"])).status_code == 403
    assert (await client.post(rotate)).status_code == 401
    missing = await client.post(f"{HOOKS}/{uuid.uuid4()}/secret/rotate", headers=keys["admin"])
    assert missing.status_code == 404
    assert (
        await client.post(f"{HOOKS}/not-an-id/secret/rotate", headers=keys["admin"])
    ).status_code == 422
    by_admin = await client.post(rotate, headers=keys["admin"])
    assert by_admin.status_code == 200
    assert by_admin.json()["secret"] != hook["secret"]


async def test_clear_secrets_of_an_older_release_are_sealed(
    db: Database, receiver: tuple[Receiver, str]
) -> None:
    """At start-up (the dispatcher's first step) and by a round that meets one."""
    target, url = receiver
    box = box_of(settings())
    clear = {
        uuid.uuid4(): "whsec_" + "A" * 32,
        uuid.uuid4(): "whsec_" + "B" * 32,
    }
    async with db.transaction() as connection:
        for hook_id, secret in clear.items():
            await SQL(connection).execute(
                ADD_CLEAR,
                id=hook_id,
                url=url,
                event_types=[PREFIX],
                secret=secret,
                owner_role="admin",
                status="active",
            )
    one_id, other_id = list(clear)
    target.secret = clear[one_id]
    await order_event(db)
    await drain(dispatcher(db), lambda: len(target.received) == 1)  # the other one: 401
    rows = await sealed_rows(db)
    assert rows[one_id]["secret"] is None
    assert box.open(rows[one_id]["secret_sealed"]) == clear[one_id]
    assert rows[other_id]["secret"] is None  # the round met it too
    assert await seal_clear_secrets(writes(db), box) == 0
    async with db.transaction() as connection:
        await SQL(connection).execute(
            ADD_CLEAR,
            id=(late := uuid.uuid4()),
            url=url,
            event_types=[PREFIX],
            secret=clear[one_id],
            owner_role="admin",
            status="active",
        )
    starting = asyncio.create_task(dispatcher(db, webhook_poll_seconds=0.05).run())
    for _ in range(100):  # its first step seals; then it polls (bounded wait)
        if (await sealed_rows(db))[late]["secret"] is None:
            break
        await asyncio.sleep(0.02)
    starting.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await starting
    rows = await sealed_rows(db)
    assert (rows[late]["secret"], box.open(rows[late]["secret_sealed"])) == (None, clear[one_id])
    assert "whsec_" not in await rows_as_text(db)


async def sealed_rows(database: Database) -> dict[Any, dict[str, Any]]:
    async with database.connection() as connection:
        return {row["id"]: dict(row) for row in await SQL(connection).fetch(SEALED)}


async def test_gateway_keys_reseals_every_secret_under_the_new_first_key(
    platform_database: TestDatabase,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Committed for real (the command has its own connection), then removed."""
    old = settings().webhook_secret_keys.get_secret_value()
    new = Fernet.generate_key().decode()
    database = Database(platform_database.url("gateway"), pool_size=2)
    admin = await issued(database, "admin")
    app = create_app(settings(webhook_allow_private_addresses=True), database=database)
    hook_id = None
    try:
        async with service_client(app, "gateway") as client:
            created = await client.post(
                HOOKS, json={"url": "http://127.0.0.1:9/h"}, headers=bearer(admin["key"])
            )
            hook_id = uuid.UUID(created.json()["id"])
            first = created.json()["secret"]
            rotated = await client.post(
                f"{HOOKS}/{hook_id}/secret/rotate", headers=bearer(admin["key"])
            )
            second = rotated.json()["secret"]
        monkeypatch.setenv("GATEWAY_DATABASE_URL", platform_database.url("gateway"))
        monkeypatch.setenv("GATEWAY_WEBHOOK_SECRET_KEYS", f"{new},{old}")
        await asyncio.to_thread(cli.main, ["reseal-webhook-secrets"])
        assert "sealed under the first key" in capsys.readouterr().err
        row = (await sealed_rows(database))[hook_id]
        only_new = SecretBox([new])
        assert only_new.open(row["secret_sealed"]) == second
        assert only_new.open(row["previous_secret_sealed"]) == first
    finally:
        async with database.transaction() as connection:
            sql = SQL(connection)
            if hook_id is not None:
                await sql.execute(Query(delete(webhooks).where(webhooks.c.id == hook_id)))
            await sql.execute(Query(delete(api_keys).where(api_keys.c.id == admin["id"])))
        await database.dispose()
        await app.proxy.close()
