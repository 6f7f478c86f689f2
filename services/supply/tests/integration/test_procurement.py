"""Supply through its HTTP API into the database and the outbox: suppliers, the catalogue,
a request for quotation, competing offers, the order and its deliveries, with every role's
view, the figures checked by hand, and membership-driven cancellation."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, update

from clusterkit.database import Database
from clusterkit.events import CloudEvent
from clusterkit.legacy import SessionInbox
from supply import events as ev
from supply.consumers import HANDLERS, MEMBER_SUSPENDED
from supply.models import inbox, members, offers

from ..conftest import published

API = "/api/v1/supply"
Headers = Callable[..., dict[str, str]]
SOON = (date.today() + timedelta(days=30)).isoformat()


def later(days: int = 10) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


async def add_member(db: Database, name: str, status: str = "active") -> str:
    """A member as the membership projection would have stored it."""
    member_id = uuid.uuid4()
    async with db.legacy.session() as session:
        await session.execute(
            insert(members).values(
                id=member_id,
                legal_name=name,
                stir=f"{uuid.uuid4().int % 10**9:09d}",
                region="UZ-TO",
                sectors=["cable_wire"],
                status=status,
                updated_at=datetime.now(UTC),
            )
        )
        await session.commit()
    return str(member_id)


class Market:
    """Drives the supply API as its parties would."""

    def __init__(self, client: httpx.AsyncClient, as_role: Headers):
        self.client = client
        self.as_role = as_role
        self.admin = as_role("admin")

    async def supplier(
        self,
        name: str,
        *,
        local: bool = True,
        categories: tuple[str, ...] = ("reagent",),
        verify: bool = True,
    ) -> tuple[str, dict[str, str]]:
        body = {
            "legal_name": name,
            "stir": f"{uuid.uuid4().int % 10**9:09d}",
            "region": "UZ-NW" if local else "UZ-TK",
            "is_local": local,
            "categories": list(categories),
        }
        created = await self.client.post(f"{API}/suppliers", json=body, headers=self.admin)
        assert created.status_code == 201, created.text
        supplier_id = created.json()["id"]
        assert created.json()["status"] == "pending"
        if verify:
            verified = await self.client.post(
                f"{API}/suppliers/{supplier_id}/verify", headers=self.admin
            )
            assert verified.json()["status"] == "verified"
        return supplier_id, self.as_role("supplier", supplier_id)

    async def item(self, key: dict[str, str], **overrides: Any) -> dict[str, Any]:
        body = {
            "name": "Quicklime, 90% CaO",
            "category": "reagent",
            "hs_code": "2825.10",
            "unit": "TNE",
            "unit_price": {"amount": "1450000", "currency": "UZS"},
            "local_content_pct": "100",
            "lead_time_days": 10,
            "available_quantity": "5000",
            "certifications": ["O'zDSt 1180"],
            **overrides,
        }
        listed = await self.client.post(f"{API}/items", json=body, headers=key)
        assert listed.status_code == 201, listed.text
        item: dict[str, Any] = listed.json()
        return item

    async def request(self, key: dict[str, str], lines: list[dict[str, Any]]) -> dict[str, Any]:
        body = {"lines": lines, "needed_by": SOON, "delivery_region": "UZ-TO"}
        opened = await self.client.post(f"{API}/requests", json=body, headers=key)
        assert opened.status_code == 201, opened.text
        request: dict[str, Any] = opened.json()
        return request

    async def offer(
        self,
        key: dict[str, str],
        request_id: str,
        prices: list[str],
        currency: str = "UZS",
        valid_until: str | None = None,
    ) -> httpx.Response:
        request = await self.client.get(f"{API}/requests/{request_id}", headers=self.admin)
        lines = [
            {
                "line_no": line["line_no"],
                "unit_price": price,
                "quantity": line["quantity"],
                "unit": line["unit"],
                "delivery_date": SOON,
            }
            for line, price in zip(request.json()["lines"], prices, strict=True)
        ]
        body = {"currency": currency, "lines": lines, "valid_until": valid_until or later()}
        return await self.client.post(f"{API}/requests/{request_id}/offers", json=body, headers=key)


@pytest.fixture
def market(client: httpx.AsyncClient, as_role: Headers) -> Market:
    return Market(client, as_role)


async def test_a_request_is_quoted_ordered_and_delivered_with_each_party_seeing_its_own(
    market: Market, client: httpx.AsyncClient, as_role: Headers, db: Database
) -> None:
    lime_maker, lime_key = await market.supplier("Navoiyazot JSC")
    _, importer_key = await market.supplier("Reagent Import LLC", local=False)
    _, pumps_key = await market.supplier("Pump Works LLC", categories=("equipment",))
    lime = await market.item(lime_key)
    assert lime["hs_code"] == "282510"
    assert lime["version"] == 1
    member = await add_member(db, "Olmaliq Kabel Zavodi LLC")
    other_member = await add_member(db, "Another Member LLC")
    member_key, other_key = as_role("member", member), as_role("member", other_member)

    request = await market.request(
        member_key,
        [
            {"catalogue_item_id": lime["id"], "quantity": "400", "unit": "TNE"},
            {
                "hs_code": "2807.00",
                "description": "Sulfuric acid, technical",
                "category": "reagent",
                "quantity": "120",
                "unit": "TNE",
            },
        ],
    )
    rid = request["id"]
    assert request["status"] == "open"
    assert request["categories"] == ["reagent"]
    assert request["lines"][0]["description"] == "Quicklime, 90% CaO"

    # Visibility: reagent suppliers see it; an equipment maker and another member do not.
    for key, seen in ((lime_key, 200), (importer_key, 200), (pumps_key, 404), (other_key, 404)):
        assert (await client.get(f"{API}/requests/{rid}", headers=key)).status_code == seen
    assert (await client.get(f"{API}/requests", headers=pumps_key)).json()["items"] == []

    first = await market.offer(lime_key, rid, ["1500000", "2100000"])
    assert first.status_code == 201, first.text
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
    assert [o["status"] for o in everything.json()["items"]] == ["replaced", "live", "live"]
    assert (
        await client.get(f"{API}/offers/{usd.json()['id']}", headers=other_key)
    ).status_code == 403

    accepted = await client.post(f"{API}/offers/{usd.json()['id']}/accept", headers=member_key)
    assert accepted.status_code == 201, accepted.text
    order = accepted.json()
    rate = Decimal("12650")
    line_amounts = [Decimal("400") * Decimal("105.50"), Decimal("120") * Decimal("160")]
    assert Decimal(order["total_amount"]) == sum(line_amounts)
    assert Decimal(order["total_uzs"]) == sum(a * rate for a in line_amounts)
    assert order["status"] == "placed"
    assert order["supplier_is_local"] is False

    again = await client.post(f"{API}/offers/{replacing.json()['id']}/accept", headers=member_key)
    assert again.status_code == 409
    assert again.json()["current_status"] == "closed"
    late = await market.offer(lime_key, rid, ["1", "1"])
    assert late.status_code == 409
    assert late.json()["current_status"] == "closed"
    declined = await client.get(f"{API}/offers/{replacing.json()['id']}", headers=lime_key)
    assert declined.json()["status"] == "declined"

    oid = order["id"]
    steps: list[tuple[str, dict[str, str], dict[str, Any] | None, int]] = [
        ("confirm", member_key, None, 403),  # the supplier confirms, not the member
        ("ship", importer_key, None, 409),  # not confirmed yet
        ("confirm", importer_key, None, 200),
        ("ship", importer_key, None, 200),
        ("deliver", member_key, {"lines": [{"line_no": 1, "quantity": "150"}]}, 200),
        ("deliver", member_key, {"lines": [{"line_no": 1, "quantity": "251"}]}, 422),
        ("cancel", member_key, {"reason": "Too late"}, 409),  # shipped: no cancel
        (
            "deliver",
            member_key,
            {"lines": [{"line_no": 1, "quantity": "250"}, {"line_no": 2, "quantity": "120"}]},
            200,
        ),
    ]
    for action, key, body, expected in steps:
        answer = await client.post(f"{API}/orders/{oid}/{action}", json=body, headers=key)
        assert answer.status_code == expected, (action, answer.text)
    done = await client.get(f"{API}/orders/{oid}", headers=importer_key)
    assert done.json()["status"] == "delivered"
    assert [line["delivered_quantity"] for line in done.json()["lines"]] == ["400.000", "120.000"]
    assert (await client.get(f"{API}/orders/{oid}", headers=lime_key)).status_code == 404
    assert (await client.get(f"{API}/orders", headers=as_role("procurement"))).json()["items"]

    events = [(t, s) for t, s, _ in await published(db)]
    assert [t.split(".", 3)[3] for t, _ in events] == [
        "item.listed.v1",
        "request.opened.v1",
        "offer.submitted.v1",
        "offer.replaced.v1",
        "offer.submitted.v1",
        "order.placed.v1",
        "request.closed.v1",
        "offer.declined.v1",
        "order.confirmed.v1",
        "order.shipped.v1",
        "order.delivered.v1",
        "order.delivered.v1",
    ]
    assert {s for t, s in events if ".offer." in t or ".request." in t} == {rid}

    # The year's localization, by hand: nothing bought locally yet, all from the importer.
    year = datetime.now(UTC).year
    figures = (
        await client.get(f"{API}/stats/localization", params={"year": year}, headers=as_role())
    ).json()
    assert Decimal(figures["total_uzs"]) == sum(a * rate for a in line_amounts)
    assert Decimal(figures["local_share"]) == 0
    assert figures["orders"] == 1
    assert figures["reference_2025"]["local_products_uzs"] == "1310000000000"
    ocds = await client.get(f"{API}/export/ocds", params={"year": year}, headers=market.admin)
    [release] = ocds.json()["releases"]
    assert release["ocid"].endswith(rid)
    assert release["contracts"][0]["status"] == "terminated"
    assert [p["roles"] for p in release["parties"]] == [["buyer"], ["supplier"]]
    assert (await client.get(f"{API}/export/ocds", headers=member_key)).status_code == 403


async def test_localization_splits_local_and_imported_purchases_by_category(
    market: Market, client: httpx.AsyncClient, as_role: Headers, db: Database
) -> None:
    _, local_key = await market.supplier("Olmaliq Ohak LLC", categories=("reagent", "equipment"))
    _, import_key = await market.supplier("Import Mash LLC", local=False, categories=("equipment",))
    member_key = as_role("member", await add_member(db, "Mis Buyer LLC"))
    bought = []
    for key, category, price, currency in (
        (local_key, "reagent", "1000000", "UZS"),  # 10 t x 1,000,000 = 10,000,000 UZS local
        (import_key, "equipment", "100", "USD"),  # 10 x 100 USD x 12,650 = 12,650,000 import
        (local_key, "equipment", "500000", "UZS"),  # 10 x 500,000 = 5,000,000 UZS local
    ):
        unit = "TNE" if category == "reagent" else "H87"
        request = await market.request(
            member_key,
            [
                {
                    "hs_code": "8413.70",
                    "description": "x",
                    "category": category,
                    "quantity": "10",
                    "unit": unit,
                }
            ],
        )
        offer = await market.offer(key, request["id"], [price], currency=currency)
        accepted = await client.post(
            f"{API}/offers/{offer.json()['id']}/accept", headers=member_key
        )
        assert accepted.status_code == 201, accepted.text
        bought.append(accepted.json()["id"])
    cancelled = await client.post(
        f"{API}/orders/{bought[2]}/cancel", json={"reason": "Budget cut"}, headers=member_key
    )
    assert cancelled.json()["status"] == "cancelled"  # cancelled orders do not count

    figures = (await client.get(f"{API}/stats/localization", headers=as_role())).json()
    assert (figures["local_uzs"], figures["non_local_uzs"]) == ("10000000.00", "12650000.00")
    assert figures["local_share"] == str(
        (Decimal(10) / Decimal("22.65")).quantize(Decimal("0.0001"))
    )
    by_category = {c["category"]: c for c in figures["by_category"]}
    assert by_category["reagent"]["local_share"] == "1.0000"
    assert by_category["equipment"]["local_share"] == "0.0000"


async def test_bad_input_is_refused_and_nothing_is_half_written(
    market: Market, client: httpx.AsyncClient, as_role: Headers, db: Database
) -> None:
    _, key = await market.supplier("Kimyo Reagent LLC")
    pending_id, pending_key = await market.supplier("Not Yet LLC", verify=False)
    lime = await market.item(key)
    member_key = as_role("member", await add_member(db, "Careful Buyer LLC"))
    good = {"catalogue_item_id": lime["id"], "quantity": "5", "unit": "TNE"}
    cases: list[tuple[dict[str, Any], str]] = [
        ({**good, "catalogue_item_id": str(uuid.uuid4())}, "lines.0.catalogue_item_id"),
        ({**good, "unit": "KGM"}, "lines.0.unit"),
        ({**good, "quantity": "0"}, "lines.0.quantity"),
        ({**good, "quantity": "-3"}, "lines.0.quantity"),
        ({"quantity": "1", "unit": "TNE"}, "lines.0"),
        ({"hs_code": "2807", "quantity": "1", "unit": "TNE"}, "lines.0.description"),
    ]
    for line, field in cases:
        body = {"lines": [line], "needed_by": SOON, "delivery_region": "UZ-TO"}
        refused = await client.post(f"{API}/requests", json=body, headers=member_key)
        assert refused.status_code == 422, (line, refused.text)
        assert refused.headers["content-type"] == "application/problem+json"
        assert any(e["field"].startswith(field) for e in refused.json()["errors"]), refused.text
    no_currency = await client.post(
        f"{API}/items", json={**lime, "unit_price": {"amount": "5"}}, headers=key
    )
    assert no_currency.status_code == 422
    assert (await published(db))[-1][0] == ev.ITEM_LISTED  # nothing written by the refusals

    request = await market.request(member_key, [good])
    unverified = await market.offer(pending_key, request["id"], ["1000"])
    assert unverified.status_code == 403
    assert unverified.json()["status_of_supplier"] == "pending"
    assert (await client.get(f"{API}/suppliers/{pending_id}", headers=as_role())).status_code == 404
    expiring = await market.offer(key, request["id"], ["1000"], valid_until=later(days=1))
    assert expiring.status_code == 201
    async with db.legacy.session() as session:  # the offer's validity runs out
        await session.execute(
            update(offers)
            .where(offers.c.id == expiring.json()["id"])
            .values(valid_until=datetime.now(UTC) - timedelta(minutes=1))
        )
        await session.commit()
    expired = await client.post(f"{API}/offers/{expiring.json()['id']}/accept", headers=member_key)
    assert expired.status_code == 409
    assert expired.json()["type"].endswith("offer-expired")
    past = await market.offer(key, request["id"], ["1000"], valid_until=later(days=-1))
    assert past.status_code == 422

    stale = await client.patch(
        f"{API}/items/{lime['id']}", json={"lead_time_days": 3}, headers={**key, "If-Match": '"9"'}
    )
    assert stale.status_code == 412
    priced = await client.patch(
        f"{API}/items/{lime['id']}",
        json={"unit_price": {"amount": "1390000", "currency": "UZS"}, "lead_time_days": 7},
        headers={**key, "If-Match": '"1"'},
    )
    assert priced.status_code == 200
    assert priced.headers["etag"] == '"2"'
    kinds = [t for t, _, _ in await published(db)]
    assert kinds[-2:] == [ev.ITEM_PRICE_CHANGED, ev.ITEM_UPDATED]


async def test_catalogue_search_filters_sorts_and_pages(
    market: Market, client: httpx.AsyncClient
) -> None:
    _, key = await market.supplier("Catalogue Maker LLC", categories=("reagent", "equipment"))
    _, far_key = await market.supplier("Far Away LLC", local=False, categories=("reagent",))
    await market.item(
        key,
        name="Sodium butyl xanthate",
        hs_code="2930.90",
        unit_price={"amount": "9000000", "currency": "UZS"},
        lead_time_days=20,
    )
    await market.item(
        key,
        name="Flotation frother",
        hs_code="3824.99",
        unit_price={"amount": "700", "currency": "USD"},
        lead_time_days=5,
        local_content_pct="60",
    )
    await market.item(
        key,
        name="Slurry pump",
        category="equipment",
        hs_code="8413.70",
        unit="H87",
        unit_price={"amount": "50000000", "currency": "UZS"},
        lead_time_days=60,
    )
    await market.item(
        far_key,
        name="Imported xanthate",
        hs_code="2930.90",
        unit_price={"amount": "8000000", "currency": "UZS"},
        lead_time_days=40,
        local_content_pct="0",
    )

    async def names(**params: Any) -> list[str]:
        found = await client.get(f"{API}/items", params=params, headers=market.as_role())
        assert found.status_code == 200, found.text
        return [i["name"] for i in found.json()["items"]]

    assert await names(hs="2930") == ["Imported xanthate", "Sodium butyl xanthate"]
    assert await names(hs="2930", local_only=True) == ["Sodium butyl xanthate"]
    assert await names(q="XANTH", sort="lead_time") == [
        "Sodium butyl xanthate",
        "Imported xanthate",
    ]
    assert await names(category="equipment") == ["Slurry pump"]
    assert await names(min_local_content=80, category="reagent") == ["Sodium butyl xanthate"]
    assert await names(region="UZ-TK") == ["Imported xanthate"]
    # 700 USD at 12,650 = 8,855,000 UZS: between the two xanthates when sorted by price.
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        page = await client.get(
            f"{API}/items",
            params={"category": "reagent", "limit": 1, **({"cursor": cursor} if cursor else {})},
            headers=market.as_role(),
        )
        seen += [i["name"] for i in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if not cursor:
            break
    assert seen == ["Imported xanthate", "Flotation frother", "Sodium butyl xanthate"]
    bad = await client.get(f"{API}/items", params={"hs": "abc"}, headers=market.as_role())
    assert bad.status_code == 422


async def test_a_suspended_member_cannot_ask_and_its_open_requests_are_cancelled(
    market: Market, client: httpx.AsyncClient, as_role: Headers, db: Database
) -> None:
    _, key = await market.supplier("Acid Works LLC")
    member = await add_member(db, "Soon Suspended LLC")
    member_key = as_role("member", member)
    line = {
        "hs_code": "2807",
        "description": "Sulfuric acid",
        "category": "reagent",
        "quantity": "50",
        "unit": "TNE",
    }
    request = await market.request(member_key, [line])
    offer = await market.offer(key, request["id"], ["900000"])
    assert offer.status_code == 201

    suspended = CloudEvent(
        type=MEMBER_SUSPENDED,
        source="/coppercluster/membership",
        subject=member,
        data={
            "member_id": member,
            "status": "suspended",
            "reason": "Audit",
            "occurred_at": later(0),
        },
    )
    for _ in range(2):  # redelivered: changes nothing the second time
        async with db.legacy.session() as session:
            await SessionInbox(inbox).handle_once(
                session, "supply.membership-projection", suspended, HANDLERS[suspended.type]
            )
            await session.commit()
    cancelled = await client.get(f"{API}/requests/{request['id']}", headers=member_key)
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["status_reason"] == "The member was suspended: Audit"
    tail = [(t, d) for t, _, d in await published(db)][-2:]
    assert [t for t, _ in tail] == [ev.OFFER_DECLINED, ev.REQUEST_CANCELLED]
    assert tail[1][1]["cancelled_by"] == "membership"
    refused = await client.post(
        f"{API}/requests",
        json={"lines": [line], "needed_by": SOON, "delivery_region": "UZ-TO"},
        headers=member_key,
    )
    assert refused.status_code == 403
    assert refused.json()["status_of_member"] == "suspended"


async def test_a_retried_request_with_the_same_idempotency_key_opens_one(
    market: Market, client: httpx.AsyncClient, as_role: Headers, db: Database
) -> None:
    member_key = {
        **as_role("member", await add_member(db, "Retry Buyer LLC")),
        "Idempotency-Key": "rfq-1",
    }
    line = {
        "hs_code": "2522.10",
        "description": "Quicklime",
        "category": "reagent",
        "quantity": "5",
        "unit": "TNE",
    }
    body = {"lines": [line], "needed_by": SOON, "delivery_region": "UZ-TO"}
    first = await client.post(f"{API}/requests", json=body, headers=member_key)
    second = await client.post(f"{API}/requests", json=body, headers=member_key)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert second.headers["idempotent-replayed"] == "true"
    opened = [t for t, _, _ in await published(db) if t == ev.REQUEST_OPENED]
    assert len(opened) == 1
