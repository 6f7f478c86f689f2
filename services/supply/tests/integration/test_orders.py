"""Orders through the API: each step by the party allowed to take it, deliveries recorded
line by line until the order is delivered, and who sees which order."""

from __future__ import annotations

from typing import Any

import httpx

from clusterkit.database import Database

from ..conftest import published
from .market import API, Headers, Market, acid


async def placed_order(
    market: Market, supplier_key: dict[str, str], member_key: dict[str, str]
) -> dict[str, Any]:
    lines, prices = [acid("400"), acid("120")], ("105.50", "160")
    _, offer = await market.quoted(supplier_key, member_key, lines, prices, currency="USD")
    return await market.accept(member_key, offer)


async def test_an_order_is_confirmed_shipped_and_delivered_line_by_line(
    market: Market, client: httpx.AsyncClient, as_role: Headers, db: Database
) -> None:
    _, lime_key = await market.supplier("Navoiyazot JSC")
    _, importer_key = await market.supplier("Reagent Import LLC", local=False)
    _, member_key = await market.member("Olmaliq Kabel Zavodi LLC")
    order = await placed_order(market, importer_key, member_key)
    oid = order["id"]
    before = len(await published(db))

    steps: list[tuple[str, dict[str, str], dict[str, Any] | None, int]] = [
        ("confirm", member_key, None, 403),  # the supplier confirms, not the member
        ("confirm", lime_key, None, 404),  # not its order
        ("ship", importer_key, None, 409),  # not confirmed yet
        ("confirm", importer_key, None, 200),
        ("ship", importer_key, None, 200),
        ("deliver", importer_key, {"lines": [{"line_no": 1, "quantity": "1"}]}, 403),
        ("deliver", member_key, {"lines": [{"line_no": 1, "quantity": "150"}]}, 200),
        ("deliver", member_key, {"lines": [{"line_no": 1, "quantity": "251"}]}, 422),
        ("deliver", member_key, {"lines": [{"line_no": 3, "quantity": "1"}]}, 422),
        ("cancel", member_key, {"reason": "Too late"}, 409),  # shipped: no cancel
        (
            "deliver",
            member_key,
            {"lines": [{"line_no": 1, "quantity": "200"}, {"line_no": 1, "quantity": "50"}]},
            200,
        ),
    ]
    for action, key, body, expected in steps:
        answer = await client.post(f"{API}/orders/{oid}/{action}", json=body, headers=key)
        assert answer.status_code == expected, (action, answer.text)
    partly = await client.get(f"{API}/orders/{oid}", headers=member_key)
    assert partly.json()["status"] == "shipped"  # line 2 has not come yet
    done = await client.post(
        f"{API}/orders/{oid}/deliver",
        json={"lines": [{"line_no": 2, "quantity": "120"}]},
        headers=as_role("admin"),
    )
    assert done.json()["status"] == "delivered"
    assert done.json()["delivered_at"] is not None
    assert [line["delivered_quantity"] for line in done.json()["lines"]] == ["400.000", "120.000"]
    assert (await client.get(f"{API}/orders/{oid}", headers=importer_key)).json() == done.json()
    assert (await client.get(f"{API}/orders/{oid}", headers=lime_key)).status_code == 404

    events = [(t.split(".", 3)[3], s, d) for t, s, d in await published(db)][before:]
    assert [t for t, _, _ in events] == [
        "order.confirmed.v1",
        "order.shipped.v1",
        "order.delivered.v1",
        "order.delivered.v1",
        "order.delivered.v1",
    ]
    assert {s for _, s, _ in events} == {oid}
    assert (events[0][2]["previous_status"], events[0][2]["status"]) == ("placed", "confirmed")
    first, second, last = (d for t, _, d in events if t == "order.delivered.v1")
    assert (first["complete"], first["status"], first["lines"][0]["received"]) == (
        False,
        "shipped",
        "150",
    )
    assert second["lines"] == [
        {
            "line_no": 1,
            "received": "250",
            "delivered_quantity": "400.000",
            "ordered_quantity": "400.000",
            "unit": "TNE",
        }
    ]
    assert (last["complete"], last["status"]) == (True, "delivered")


async def test_an_order_is_cancelled_before_shipping_with_a_reason(
    market: Market, client: httpx.AsyncClient, as_role: Headers, db: Database
) -> None:
    _, key = await market.supplier("Reagent Import LLC")
    _, member_key = await market.member("Mis Buyer LLC")
    order = await placed_order(market, key, member_key)
    url = f"{API}/orders/{order['id']}/cancel"
    assert (await client.post(url, json={}, headers=key)).status_code == 422
    read_only = await client.post(url, json={"reason": "x"}, headers=as_role("procurement"))
    assert read_only.status_code == 403
    cancelled = await client.post(url, json={"reason": "Plant shutdown"}, headers=key)
    assert cancelled.status_code == 200, cancelled.text
    assert (cancelled.json()["status"], cancelled.json()["cancel_reason"]) == (
        "cancelled",
        "Plant shutdown",
    )
    assert cancelled.json()["cancelled_at"] is not None
    again = await client.post(url, json={"reason": "Twice"}, headers=member_key)
    assert again.status_code == 409
    assert again.json()["allowed_from"] == ["placed", "confirmed"]
    [*_, (kind, _, data)] = await published(db)
    assert kind.endswith("order.cancelled.v1")
    assert (data["reason"], data["previous_status"]) == ("Plant shutdown", "placed")


async def test_each_party_lists_its_own_orders(
    market: Market, client: httpx.AsyncClient, as_role: Headers
) -> None:
    supplier, key = await market.supplier("Reagent Import LLC")
    _, other_supplier_key = await market.supplier("Other Reagents LLC")
    member, member_key = await market.member("Mis Buyer LLC")
    _, other_member_key = await market.member("Other Buyer LLC")
    orders = [(await placed_order(market, key, member_key))["id"] for _ in range(3)]
    await placed_order(market, other_supplier_key, other_member_key)

    async def listed(headers: dict[str, str], **params: Any) -> list[str]:
        found = await market.pages(f"{API}/orders", headers, limit=2, **params)
        assert all(len(order["lines"]) == 2 for order in found)
        return [order["id"] for order in found]

    # Newest first; one test transaction, one now(): ties break by id.
    mine = sorted(orders, reverse=True)
    assert await listed(member_key) == mine
    assert await listed(key) == mine
    assert len(await listed(as_role("procurement"))) == 4
    assert await listed(market.admin, member_id=member, supplier_id=supplier) == mine
    assert await listed(market.admin, status="delivered") == []
    assert await listed(as_role("supplier")) == []  # a supplier key bound to no supplier
