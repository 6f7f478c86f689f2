"""Supply through the gateway with real keys: a member asks, two verified suppliers quote,
the member orders and receives; procurement reads; membership suspends a member and supply
cancels its open request; every event on supply.events fits its contract."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from clusterkit.testing import eventually, read_events
from devstack import Stack
from supply.events import contracts

from .test_membership import issue_key
from .test_thin_slice import MEMBERS_URL, admit, bearer, projected

API = "/api/v1/supply"
SOON = (date.today() + timedelta(days=20)).isoformat()


async def register_supplier(
    gateway: httpx.AsyncClient, admin: dict[str, str], stack: Stack, name: str, local: bool
) -> tuple[str, dict[str, str]]:
    body = {
        "legal_name": name,
        "stir": f"{uuid.uuid4().int % 10**9:09d}",
        "region": "UZ-NW",
        "is_local": local,
        "categories": ["reagent"],
    }
    created = await gateway.post(f"{API}/suppliers", json=body, headers=admin)
    assert created.status_code == 201, created.text
    supplier_id = created.json()["id"]
    assert (
        await gateway.post(f"{API}/suppliers/{supplier_id}/verify", headers=admin)
    ).status_code == 200
    if local:  # local by a certificate in force, not by its word
        await certify(gateway, admin, supplier_id)
    return supplier_id, bearer(await asyncio.to_thread(issue_key, stack, "supplier", supplier_id))


async def certify(gateway: httpx.AsyncClient, admin: dict[str, str], supplier_id: str) -> None:
    """A local-production certificate in force, uploaded through the gateway."""
    issued = date.today() - timedelta(days=30)
    fields = {
        "kind": "local_production_certificate",
        "number": f"UZ-LP-{supplier_id[:8]}",
        "issuer": "Chamber of Commerce and Industry of Uzbekistan",
        "issued_on": issued.isoformat(),
        "expires_on": (issued + timedelta(days=700)).isoformat(),
        "local_content_percent": "55",
    }
    pdf = b"%PDF-1.7\n% certificate\n%%EOF\n"
    created = await gateway.post(
        f"{API}/suppliers/{supplier_id}/documents",
        data=fields,
        files={"file": ("certificate.pdf", pdf, "application/pdf")},
        headers=admin,
    )
    assert created.status_code == 201, created.text


def offer(request: dict[str, Any], price: str, currency: str = "UZS") -> dict[str, Any]:
    return {
        "currency": currency,
        "valid_until": (datetime.now(UTC) + timedelta(days=7)).isoformat(),
        "lines": [
            {
                "line_no": line["line_no"],
                "unit_price": price,
                "quantity": line["quantity"],
                "unit": line["unit"],
                "delivery_date": SOON,
            }
            for line in request["lines"]
        ],
    }


async def test_from_request_to_delivered_order_through_the_gateway(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    admin = bearer(admin_key)
    member = await admit(gateway, admin_key, "Supply Buyer Cable LLC")
    await eventually(lambda: projected(gateway, admin_key, {member}), within=45)
    member_key = bearer(await asyncio.to_thread(issue_key, stack, "member", member))
    procurement = bearer(await asyncio.to_thread(issue_key, stack, "procurement"))
    local_id, local_key = await register_supplier(gateway, admin, stack, "Ohak Local LLC", True)
    _, import_key = await register_supplier(gateway, admin, stack, "Reagent Import LLC", False)

    item = await gateway.post(
        f"{API}/items",
        headers=local_key,
        json={
            "name": "Quicklime, 90% CaO",
            "category": "reagent",
            "hs_code": "2825.10",
            "unit": "TNE",
            "unit_price": {"amount": "1450000", "currency": "UZS"},
            "local_content_pct": "100",
            "lead_time_days": 10,
            "available_quantity": "5000",
        },
    )
    assert item.status_code == 201, item.text
    found = await gateway.get(f"{API}/items", params={"hs": "2825", "local_only": "true"})
    assert item.json()["id"] in [i["id"] for i in found.json()["items"]]  # anonymous search

    opened = await gateway.post(
        f"{API}/requests",
        headers={**member_key, "Idempotency-Key": f"rfq-{member}"},
        json={
            "lines": [{"catalogue_item_id": item.json()["id"], "quantity": "200", "unit": "TNE"}],
            "needed_by": SOON,
            "delivery_region": "UZ-TO",
        },
    )
    assert opened.status_code == 201, opened.text
    request = opened.json()
    rid = request["id"]
    anonymous = await gateway.get(f"{API}/requests/{rid}")
    assert anonymous.status_code == 401

    mine = await gateway.post(
        f"{API}/requests/{rid}/offers", json=offer(request, "1400000"), headers=local_key
    )
    theirs = await gateway.post(
        f"{API}/requests/{rid}/offers", json=offer(request, "120", "USD"), headers=import_key
    )
    assert mine.status_code == theirs.status_code == 201, (mine.text, theirs.text)
    peek = await gateway.get(f"{API}/offers/{theirs.json()['id']}", headers=local_key)
    assert peek.status_code == 403
    seen_by_member = await gateway.get(f"{API}/requests/{rid}/offers", headers=member_key)
    assert len(seen_by_member.json()["items"]) == 2
    read_only = await gateway.post(f"{API}/offers/{mine.json()['id']}/accept", headers=procurement)
    assert read_only.status_code == 403

    accepted = await gateway.post(f"{API}/offers/{mine.json()['id']}/accept", headers=member_key)
    assert accepted.status_code == 201, accepted.text
    order_id = accepted.json()["id"]
    for action, key, body in (
        ("confirm", local_key, None),
        ("ship", local_key, None),
        ("deliver", member_key, {"lines": [{"line_no": 1, "quantity": "200"}]}),
    ):
        moved = await gateway.post(f"{API}/orders/{order_id}/{action}", json=body, headers=key)
        assert moved.status_code == 200, (action, moved.text)
    assert moved.json()["status"] == "delivered"
    as_procurement = await gateway.get(f"{API}/orders/{order_id}", headers=procurement)
    assert as_procurement.json()["supplier_id"] == local_id
    localization = await gateway.get(f"{API}/stats/localization")
    assert localization.status_code == 200
    assert float(localization.json()["local_uzs"]) >= 200 * 1400000

    # Membership suspends a second request's member: supply cancels it from the event.
    waiting = await gateway.post(
        f"{API}/requests",
        headers=member_key,
        json={
            "lines": [
                {
                    "hs_code": "2807",
                    "description": "Sulfuric acid",
                    "category": "reagent",
                    "quantity": "40",
                    "unit": "TNE",
                }
            ],
            "needed_by": SOON,
            "delivery_region": "UZ-TO",
        },
    )
    assert waiting.status_code == 201, waiting.text
    suspended = await gateway.post(
        f"{MEMBERS_URL}/{member}/suspend", json={"reason": "Overdue fees"}, headers=admin
    )
    assert suspended.status_code == 200

    async def cancelled() -> bool:
        seen = await gateway.get(f"{API}/requests/{waiting.json()['id']}", headers=admin)
        return bool(seen.json()["status"] == "cancelled")

    await eventually(cancelled, within=45)

    events = await read_events(stack.kafka_bootstrap, "supply.events", at_least=12)
    for event in events:
        contracts.validate(event.type, dict(event.data))
    about_rid = [e.type.split(".", 3)[3] for e in events if e.subject == rid]
    assert about_rid == [
        "request.opened.v1",
        "offer.submitted.v1",
        "offer.submitted.v1",
        "request.closed.v1",
        "offer.declined.v1",
    ]
    about_order = [e.type.split(".", 3)[3] for e in events if e.subject == order_id]
    assert about_order == [
        "order.placed.v1",
        "order.confirmed.v1",
        "order.shipped.v1",
        "order.delivered.v1",
    ]
    [cancel] = [e for e in events if e.subject == waiting.json()["id"] and "cancelled" in e.type]
    assert cancel.data["cancelled_by"] == "membership"
