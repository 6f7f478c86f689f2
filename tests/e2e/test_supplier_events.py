"""A supplier's lifecycle on the running platform: registered, verified, suspended and
reinstated through the gateway, each step published by supply through its outbox and Kafka,
read in the gateway's feed (by procurement, and by the supplier itself) and delivered, in
order and signed, to a procurement tool's webhook."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
from aiohttp import web
from standardwebhooks.webhooks import Webhook

from clusterkit.testing import eventually
from supply.events import contracts

from .test_events import read_on
from .test_thin_slice import bearer

API = "/api/v1/supply/suppliers"
LIFECYCLE = [
    f"uz.coppercluster.supply.supplier.{step}.v1"
    for step in ("registered", "verified", "suspended", "reinstated")
]


async def _key(gateway: httpx.AsyncClient, admin: dict[str, str], role: str, org: Any) -> Any:
    body = {"name": f"supplier events e2e {role}", "role": role, "organisation_id": org}
    made = await gateway.post("/api/v1/keys", json=body, headers=admin)
    assert made.status_code == 201, made.text
    return bearer(made.json()["key"])


async def test_a_supplier_s_lifecycle_reaches_the_feed_and_a_webhook(
    gateway: httpx.AsyncClient, admin_key: str
) -> None:
    received: list[tuple[dict[str, str], bytes]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append((dict(request.headers), await request.read()))
        return web.Response(status=204)

    app = web.Application()
    app.router.add_post("/suppliers", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    admin = bearer(admin_key)
    try:
        procurement = await _key(gateway, admin, "procurement", None)
        subscribed = await gateway.post(
            "/api/v1/webhooks",
            json={"url": f"http://127.0.0.1:{port}/suppliers", "event_types": ["supply.supplier"]},
            headers=procurement,
        )
        assert subscribed.status_code == 201, subscribed.text
        _, cursor = await read_on(gateway, procurement, None, types="supply.supplier")

        stir = f"{uuid.uuid4().int % 10**9:09d}"
        registration = {
            "legal_name": "Ohangaron Lifecycle Ohak LLC",
            "stir": stir,
            "region": "UZ-TO",
            "is_local": True,
            "categories": ["reagent", "material"],
        }
        created = await gateway.post(API, json=registration, headers=admin)
        assert created.status_code == 201, created.text
        supplier_id = created.json()["id"]
        for action, body in (
            ("verify", None),
            ("suspend", {"reason": "Certificate of conformity expired."}),
            ("reinstate", {"reason": "Certificate renewed."}),
        ):
            moved = await gateway.post(f"{API}/{supplier_id}/{action}", json=body, headers=admin)
            assert moved.status_code == 200, (action, moved.text)
        refused = await gateway.post(f"{API}/{supplier_id}/reinstate", headers=admin)
        assert refused.status_code == 409  # already verified: nothing published

        seen: list[dict[str, Any]] = []

        async def in_the_feed() -> bool:
            nonlocal cursor
            more, cursor = await read_on(gateway, procurement, cursor, types="supply.supplier")
            seen.extend(e for e in more if e["subject"] == supplier_id)
            return len(seen) >= len(LIFECYCLE)

        await eventually(in_the_feed, within=45)

        def delivered() -> list[dict[str, Any]]:
            bodies = [json.loads(body) for _, body in received]
            return [event for event in bodies if event["subject"] == supplier_id]

        async def at_the_webhook() -> bool:
            return len(delivered()) >= len(LIFECYCLE)

        await eventually(at_the_webhook, within=45)
    finally:
        await runner.cleanup()

    assert [event["type"] for event in seen] == LIFECYCLE
    for event in seen:
        contracts.validate(event["type"], event["data"])
    suspended, reinstated = seen[2]["data"], seen[3]["data"]
    assert {name: suspended[name] for name in ("supplier_id", "stir", "region", "is_local")} == {
        "supplier_id": supplier_id,
        "stir": stir,
        "region": "UZ-TO",
        "is_local": True,
    }
    assert (suspended["legal_name"], suspended["categories"]) == (
        "Ohangaron Lifecycle Ohak LLC",
        ["reagent", "material"],
    )
    assert (suspended["status"], suspended["reason"]) == (
        "suspended",
        "Certificate of conformity expired.",
    )
    assert (reinstated["status"], reinstated["previous_status"]) == ("verified", "suspended")
    assert seen[0]["data"]["reason"] is None

    # The webhook got the same events, in order (one key's deliveries go out in order),
    # each signed as Standard Webhooks verifies it.
    assert [event["id"] for event in delivered()][:4] == [event["id"] for event in seen]
    verifier = Webhook(subscribed.json()["secret"])
    for headers, body in received:
        if json.loads(body)["subject"] == supplier_id:
            verifier.verify(body, {k.lower(): v for k, v in headers.items()})

    # The supplier's own key reads its own lifecycle in the feed (its id is in each event).
    own_key = await _key(gateway, admin, "supplier", supplier_id)
    own, _ = await read_on(gateway, own_key, None, types="supply.supplier")
    assert [event["type"] for event in own if event["subject"] == supplier_id] == LIFECYCLE
