"""Offers through the API: quoted by verified suppliers (a new one replaces the live one),
seen by the parties only, withdrawn, and accepted once: the order is placed, the request
closes and the other offers are declined."""

from __future__ import annotations

from decimal import Decimal

import httpx

from clusterkit.database import Database
from supply import events as ev

from ..conftest import published
from .market import API, Headers, Market, acid, catalogue_line, expire_offer, later


async def test_competing_offers_and_the_one_accepted(
    market: Market, client: httpx.AsyncClient, as_role: Headers, db: Database
) -> None:
    lime_maker, lime_key = await market.supplier("Navoiyazot JSC")
    importer, importer_key = await market.supplier("Reagent Import LLC", local=False)
    lime = await market.item(lime_key)
    member, member_key = await market.member("Olmaliq Kabel Zavodi LLC")
    _, other_key = await market.member("Another Member LLC")
    request = await market.request(member_key, [catalogue_line(lime), acid("120")])
    rid = request["id"]

    first = await market.offer(lime_key, rid, ["1500000", "2100000"])
    assert first.status_code == 201, first.text
    assert first.headers["location"] == f"{API}/offers/{first.json()['id']}"
    replacing = await market.offer(lime_key, rid, ["1450000", "2050000"])
    assert replacing.json()["replaces_offer_id"] == first.json()["id"]
    assert replacing.json()["total_amount"] == str(400 * 1450000 + 120 * 2050000) + ".00"
    usd = await market.offer(importer_key, rid, ["105.50", "160"], currency="USD")
    assert usd.status_code == 201, usd.text

    # A supplier sees its own offers only, and is refused another's.
    own = await client.get(f"{API}/requests/{rid}/offers", headers=lime_key)
    assert {o["supplier_id"] for o in own.json()["items"]} == {lime_maker}
    peek = await client.get(f"{API}/offers/{usd.json()['id']}", headers=lime_key)
    assert peek.status_code == 403
    everything = await client.get(f"{API}/requests/{rid}/offers", headers=member_key)
    # (In order of creation; here one test transaction, one now(): the order is by id.)
    assert sorted(o["status"] for o in everything.json()["items"]) == ["live", "live", "replaced"]
    assert (
        await client.get(f"{API}/offers/{usd.json()['id']}", headers=other_key)
    ).status_code == 403
    assert (await client.get(f"{API}/requests/{rid}/offers", headers=other_key)).status_code == 404
    paged = await market.pages(f"{API}/requests/{rid}/offers", market.admin, limit=2)
    assert [o["id"] for o in paged] == [o["id"] for o in everything.json()["items"]]

    read_only = await client.post(
        f"{API}/offers/{usd.json()['id']}/accept", headers=as_role("procurement")
    )
    assert read_only.status_code == 403
    not_theirs = await client.post(f"{API}/offers/{usd.json()['id']}/accept", headers=other_key)
    assert not_theirs.status_code == 403
    order = await market.accept(member_key, usd)
    rate = Decimal("12650")
    line_amounts = [Decimal("400") * Decimal("105.50"), Decimal("120") * Decimal("160")]
    assert Decimal(order["total_amount"]) == sum(line_amounts)
    assert Decimal(order["total_uzs"]) == sum(a * rate for a in line_amounts)
    assert Decimal(order["usd_uzs_rate"]) == rate
    assert (order["status"], order["supplier_is_local"], order["member_id"]) == (
        "placed",
        False,
        member,
    )
    assert [line["description"] for line in order["lines"]] == [
        "Quicklime, 90% CaO",
        "Sulfuric acid",
    ]
    assert [line["delivered_quantity"] for line in order["lines"]] == ["0.000", "0.000"]
    fetched = await client.get(f"{API}/orders/{order['id']}", headers=member_key)
    assert fetched.json() == order

    again = await client.post(f"{API}/offers/{replacing.json()['id']}/accept", headers=member_key)
    assert again.status_code == 409
    assert again.json()["current_status"] == "closed"
    late = await market.offer(lime_key, rid, ["1", "1"])
    assert late.status_code == 409
    assert late.json()["current_status"] == "closed"
    declined = await client.get(f"{API}/offers/{replacing.json()['id']}", headers=lime_key)
    assert declined.json()["status"] == "declined"
    closed = await client.get(f"{API}/requests/{rid}", headers=member_key)
    assert closed.json()["status"] == "closed"

    events = await published(db, lifecycle=False)
    assert [t.split(".", 3)[3] for t, _, _ in events] == [
        "item.listed.v1",
        "request.opened.v1",
        "offer.submitted.v1",
        "offer.replaced.v1",
        "offer.submitted.v1",
        "order.placed.v1",
        "request.closed.v1",
        "offer.declined.v1",
    ]
    assert {s for t, s, _ in events if ".offer." in t or ".request." in t} == {rid}
    placed = events[5][2]
    assert (placed["supplier"]["id"], placed["member"]["id"]) == (importer, member)
    assert placed["total_uzs"] == order["total_uzs"]
    assert events[6][2]["order_id"] == order["id"]
    assert events[7][2]["offer_id"] == replacing.json()["id"]


async def test_offers_are_refused_when_they_cannot_stand(
    market: Market, client: httpx.AsyncClient, db: Database
) -> None:
    _, key = await market.supplier("Kimyo Reagent LLC")
    supplier_id, suspended_key = await market.supplier("Soon Suspended LLC")
    _, pending_key = await market.supplier("Not Yet LLC", verify=False)
    _, member_key = await market.member("Careful Buyer LLC")
    request = await market.request(member_key, [acid("5")])
    rid = request["id"]

    unverified = await market.offer(pending_key, rid, ["1000"])
    assert unverified.status_code == 403
    assert unverified.json()["status_of_supplier"] == "pending"
    by_member = await client.post(
        f"{API}/requests/{rid}/offers",
        json={"currency": "UZS", "lines": [], "valid_until": later()},
        headers=member_key,
    )
    assert by_member.status_code == 403
    past = await market.offer(key, rid, ["1000"], valid_until=later(days=-1))
    assert past.status_code == 422
    wrong_unit = await client.post(
        f"{API}/requests/{rid}/offers",
        json={
            "currency": "UZS",
            "valid_until": later(),
            "lines": [
                {
                    "line_no": 1,
                    "unit_price": "1",
                    "quantity": "5",
                    "unit": "KGM",
                    "delivery_date": later()[:10],
                },
                {
                    "line_no": 2,
                    "unit_price": "1",
                    "quantity": "5",
                    "unit": "TNE",
                    "delivery_date": later()[:10],
                },
            ],
        },
        headers=key,
    )
    assert wrong_unit.status_code == 422
    assert [e["field"] for e in wrong_unit.json()["errors"]] == ["lines.0.unit", "lines.1.line_no"]

    expiring = await market.offer(key, rid, ["1000"], valid_until=later(days=1))
    assert expiring.status_code == 201
    await expire_offer(db, expiring.json()["id"])
    expired = await client.post(f"{API}/offers/{expiring.json()['id']}/accept", headers=member_key)
    assert expired.status_code == 409
    assert expired.json()["type"].endswith("offer-expired")

    theirs = await market.offer(suspended_key, rid, ["900"])
    assert theirs.status_code == 201
    await client.post(f"{API}/suppliers/{supplier_id}/suspend", headers=market.admin)
    waiting = await client.post(f"{API}/offers/{theirs.json()['id']}/accept", headers=member_key)
    assert waiting.status_code == 409
    assert waiting.json()["status_of_supplier"] == "suspended"
    assert (await market.offer(suspended_key, rid, ["800"])).status_code == 403


async def test_a_supplier_withdraws_its_live_offer(
    market: Market, client: httpx.AsyncClient, db: Database
) -> None:
    key, _, member_key, request, offer = await market.deal("Buyer LLC")
    _, other_key = await market.supplier("Other Acid LLC")
    url = f"{API}/offers/{offer['id']}/withdraw"

    assert (await client.post(url, headers=other_key)).status_code == 403
    assert (await client.post(url, headers=member_key)).status_code == 403
    withdrawn = await client.post(url, json={"reason": "Price list changed."}, headers=key)
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["status"] == "withdrawn"
    again = await client.post(url, headers=key)
    assert again.status_code == 409
    assert again.json()["current_status"] == "withdrawn"
    [*_, (kind, subject, data)] = await published(db)
    assert (kind, subject) == (ev.OFFER_WITHDRAWN, request["id"])
    assert (data["reason"], data["status"]) == ("Price list changed.", "withdrawn")
    missing = await client.post(f"{API}/offers/{request['id']}/withdraw", headers=key)
    assert missing.status_code == 404
