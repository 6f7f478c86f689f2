"""The gateway's event feed on the running platform: events published by the services
through Kafka appear once, in order, scoped by role; the cursor resumes where it stopped."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import re
import uuid
from pathlib import Path
from typing import Any

import httpx
from aiohttp import web

from clusterkit.testing import eventually
from devstack import Stack

from .test_membership import issue_key
from .test_thin_slice import admit, bearer

FEED = "/api/v1/events"


async def read_on(
    gateway: httpx.AsyncClient, headers: dict[str, str], cursor: str | None, **params: Any
) -> tuple[list[dict[str, Any]], str | None]:
    seen: list[dict[str, Any]] = []
    for _ in range(200):
        page = await gateway.get(
            FEED,
            params={"limit": 100, **params, **({"cursor": cursor} if cursor else {})},
            headers=headers,
        )
        assert page.status_code == 200, page.text
        cursor = page.json()["next_cursor"]
        if not page.json()["items"]:
            break
        seen += page.json()["items"]
    return seen, cursor


async def test_the_feed_carries_each_published_event_once_and_in_order(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    admin = bearer(admin_key)
    everything, cursor = await read_on(gateway, admin, None)
    member = await admit(gateway, admin_key, "Feed Reader Wire LLC")
    seen: list[dict[str, Any]] = []

    async def arrived() -> bool:
        nonlocal cursor
        more, cursor = await read_on(gateway, admin, cursor)
        seen.extend(more)
        return len([e for e in seen if e["data"].get("member_id") == member]) >= 2

    await eventually(arrived, within=45)
    ids = [e["id"] for e in everything + seen]
    assert len(ids) == len(set(ids)), "an event came twice"
    mine = [e["type"].split(".", 3)[3] for e in seen if e["data"].get("member_id") == member]
    # Order holds per aggregate (Kafka key); these two are different aggregates.
    assert sorted(mine) == ["application.approved.v1", "member.admitted.v1"]

    as_member = bearer(await asyncio.to_thread(issue_key, stack, "member", member))
    own, _ = await read_on(gateway, as_member, None)
    assert own
    assert all(member in str(e["data"]) for e in own)
    procurement = bearer(await asyncio.to_thread(issue_key, stack, "procurement"))
    supply_only, _ = await read_on(gateway, procurement, None)
    assert all(e["type"].startswith("uz.coppercluster.supply.") for e in supply_only)
    assert (await gateway.get(FEED)).status_code == 401


async def test_each_service_s_asyncapi_document_and_schemas_are_served_at_the_gateway(
    gateway: httpx.AsyncClient,
) -> None:
    contracts = Path(__file__).parents[2] / "contracts"
    for service in ("membership", "production", "supply"):
        document = await gateway.get(f"/asyncapi/{service}.yaml")
        assert document.status_code == 200, document.text
        assert document.text == (contracts / service / "asyncapi.yaml").read_text()
        refs = set(re.findall(r"\./schemas/([\w.]+\.json)", document.text))
        assert refs
        for name in refs:  # every reference resolves from where the document is served
            schema = await gateway.get(f"/asyncapi/schemas/{name}")
            assert schema.status_code == 200, name
            assert schema.text == (contracts / service / "schemas" / name).read_text()
    assert (await gateway.get("/asyncapi/nothing.yaml")).status_code == 404
    assert (
        await gateway.get("/asyncapi/schemas/uz.coppercluster.supply.nope.v1.json")
    ).status_code == 404


async def test_a_procurement_webhook_receives_supply_events_from_kafka_signed(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    received: list[tuple[dict[str, str], bytes]] = []
    failures = {"left": 1}

    async def hook(request: web.Request) -> web.Response:
        if failures["left"]:  # the first call fails: the gateway retries
            failures["left"] -= 1
            return web.Response(status=503)
        received.append((dict(request.headers), await request.read()))
        return web.Response(status=200)

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        procurement = bearer(await asyncio.to_thread(issue_key, stack, "procurement"))
        created = await gateway.post(
            "/api/v1/webhooks",
            json={"url": f"http://127.0.0.1:{port}/hook", "event_types": ["supply.item"]},
            headers=procurement,
        )
        assert created.status_code == 201, created.text
        secret = created.json()["secret"]
        admin = bearer(admin_key)
        supplier = await gateway.post(
            "/api/v1/supply/suppliers",
            json={
                "legal_name": "Hooked Lime LLC",
                "stir": f"{uuid.uuid4().int % 10**9:09d}",
                "region": "UZ-TO",
                "is_local": True,
                "categories": ["reagent"],
            },
            headers=admin,
        )
        supplier_id = supplier.json()["id"]
        await gateway.post(f"/api/v1/supply/suppliers/{supplier_id}/verify", headers=admin)
        item = await gateway.post(
            "/api/v1/supply/items",
            json={
                "supplier_id": supplier_id,
                "name": "Hydrated lime",
                "category": "reagent",
                "hs_code": "2522.20",
                "unit": "TNE",
                "unit_price": {"amount": "990000", "currency": "UZS"},
                "local_content_pct": "100",
                "lead_time_days": 5,
                "available_quantity": "10",
            },
            headers=admin,
        )
        assert item.status_code == 201, item.text

        async def delivered() -> bool:
            return any(json.loads(body)["subject"] == item.json()["id"] for _, body in received)

        await eventually(delivered, within=45)
    finally:
        await runner.cleanup()
    headers, body = next(
        (h, b) for h, b in received if json.loads(b)["subject"] == item.json()["id"]
    )
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    assert expected in headers["webhook-signature"].split()
    assert json.loads(body)["type"] == "uz.coppercluster.supply.item.listed.v1"
    log = await gateway.get(
        f"/api/v1/webhooks/{created.json()['id']}/deliveries", headers=procurement
    )
    codes = [a["status_code"] for d in log.json()["items"] for a in d["log"]]
    assert codes[:2] == [503, 200]
