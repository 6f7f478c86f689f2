"""The catalogue through the API: who lists and keeps items, conditional changes and their
events, and the search's filters, sorts and pages."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from clusterkit.database import Database
from supply import events as ev

from ..conftest import published
from .market import API, Headers, Market


async def test_a_verified_supplier_lists_an_item_and_others_may_not(
    market: Market, client: httpx.AsyncClient, db: Database
) -> None:
    supplier_id, key = await market.supplier("Kimyo Reagent LLC")
    pending_id, pending_key = await market.supplier("Not Yet LLC", verify=False)
    lime = await market.item(key)
    assert (lime["hs_code"], lime["version"], lime["status"]) == ("282510", 1, "listed")
    assert lime["supplier_id"] == supplier_id
    assert lime["unit_price"] == {"amount": "1450000.00", "currency": "UZS"}
    [(kind, subject, data)] = await published(db, lifecycle=False)
    assert (kind, subject) == (ev.ITEM_LISTED, lime["id"])
    assert data["supplier"]["legal_name"] == "Kimyo Reagent LLC"
    assert data["occurred_at"].startswith(lime["created_at"][:19])

    body = {key: value for key, value in lime.items() if key in ("name", "category", "unit")}
    body |= {"hs_code": "2825.10", "unit_price": {"amount": "5", "currency": "UZS"}}
    body |= {"local_content_pct": "100", "lead_time_days": 1, "available_quantity": "1"}
    pending = await client.post(f"{API}/items", json=body, headers=pending_key)
    assert pending.status_code == 403
    assert pending.json()["status_of_supplier"] == "pending"
    for_another = await client.post(
        f"{API}/items", json={**body, "supplier_id": pending_id}, headers=key
    )
    assert for_another.status_code == 403
    unnamed = await client.post(f"{API}/items", json=body, headers=market.admin)
    assert unnamed.status_code == 422
    unknown = await client.post(
        f"{API}/items", json={**body, "supplier_id": str(uuid.uuid4())}, headers=market.admin
    )
    assert unknown.status_code == 404
    for_it = await client.post(
        f"{API}/items", json={**body, "supplier_id": supplier_id}, headers=market.admin
    )
    assert for_it.status_code == 201, for_it.text
    no_currency = await client.post(
        f"{API}/items", json={**body, "unit_price": {"amount": "5"}}, headers=key
    )
    assert no_currency.status_code == 422
    anonymous = await client.post(f"{API}/items", json=body, headers=market.as_role())
    assert anonymous.status_code == 401
    assert [t for t, _, _ in await published(db, lifecycle=False)] == [ev.ITEM_LISTED] * 2


async def test_an_item_changes_only_against_its_current_version(
    market: Market, client: httpx.AsyncClient, as_role: Headers, db: Database
) -> None:
    _, key = await market.supplier("Kimyo Reagent LLC")
    _, other_key = await market.supplier("Other Reagent LLC")
    lime = await market.item(key)
    url = f"{API}/items/{lime['id']}"

    read = await client.get(url, headers=as_role())
    assert read.headers["etag"] == '"1"'
    cached = await client.get(url, headers={**as_role(), "If-None-Match": '"1"'})
    assert cached.status_code == 304
    missing = await client.patch(url, json={"lead_time_days": 3}, headers=key)
    assert missing.status_code == 428
    stale = await client.patch(url, json={"lead_time_days": 3}, headers={**key, "If-Match": '"9"'})
    assert stale.status_code == 412
    assert stale.headers["etag"] == '"1"'
    assert stale.json()["current_version"] == 1
    not_a_tag = await client.patch(
        url, json={"lead_time_days": 3}, headers={**key, "If-Match": '"stale-version"'}
    )
    assert not_a_tag.status_code == 412
    nulls = await client.patch(url, json={"name": None}, headers={**key, "If-Match": '"1"'})
    assert nulls.status_code == 422
    theirs = await client.patch(
        url, json={"lead_time_days": 3}, headers={**other_key, "If-Match": '"1"'}
    )
    assert theirs.status_code == 403

    same = await client.patch(url, json={"lead_time_days": 10}, headers={**key, "If-Match": '"1"'})
    assert same.status_code == 200
    assert same.headers["etag"] == '"1"'  # nothing changed: no new version, no event
    priced = await client.patch(
        url,
        json={"unit_price": {"amount": "1390000", "currency": "UZS"}, "lead_time_days": 7},
        headers={**key, "If-Match": '"1"'},
    )
    assert priced.status_code == 200, priced.text
    assert priced.headers["etag"] == '"2"'
    assert (priced.json()["lead_time_days"], priced.json()["version"]) == (7, 2)
    kinds = [(t, d) for t, _, d in await published(db, lifecycle=False)]
    assert [t for t, _ in kinds] == [ev.ITEM_LISTED, ev.ITEM_PRICE_CHANGED, ev.ITEM_UPDATED]
    assert kinds[1][1]["previous_unit_price"] == {"amount": "1450000.00", "currency": "UZS"}
    assert kinds[2][1]["lead_time_days"] == 7

    delisted = await client.post(f"{url}/delist", headers=key)
    assert (delisted.json()["status"], delisted.headers["etag"]) == ("delisted", '"3"')
    assert (await client.post(f"{url}/delist", headers=key)).status_code == 409
    frozen = await client.patch(url, json={"name": "New"}, headers={**key, "If-Match": '"3"'})
    assert frozen.status_code == 409
    assert frozen.json()["current_status"] == "delisted"
    assert (await published(db))[-1][0] == ev.ITEM_DELISTED
    assert (await client.get(f"{API}/items/{uuid.uuid4()}", headers=as_role())).status_code == 404


async def test_catalogue_search_filters_sorts_and_pages(
    market: Market, client: httpx.AsyncClient
) -> None:
    _, key = await market.supplier("Catalogue Maker LLC", categories=("reagent", "equipment"))
    _, far_key = await market.supplier("Far Away LLC", local=False, categories=("reagent",))
    for maker, name, category, hs_code, unit, price, currency, lead_time, local in (
        (key, "Sodium butyl xanthate", "reagent", "2930.90", "TNE", "9000000", "UZS", 20, "100"),
        (key, "Flotation frother", "reagent", "3824.99", "TNE", "700", "USD", 5, "60"),
        (key, "Slurry pump", "equipment", "8413.70", "H87", "50000000", "UZS", 60, "100"),
        (far_key, "Imported xanthate", "reagent", "2930.90", "TNE", "8000000", "UZS", 40, "0"),
    ):
        await market.item(
            maker,
            name=name,
            category=category,
            hs_code=hs_code,
            unit=unit,
            unit_price={"amount": price, "currency": currency},
            lead_time_days=lead_time,
            local_content_pct=local,
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
    assert await names(q="100%") == []  # the text's own % matches literally
    found = await client.get(f"{API}/items", params={"region": "UZ-TK"}, headers=market.as_role())
    [imported] = found.json()["items"]
    assert (imported["supplier_region"], imported["supplier_is_local"]) == ("UZ-TK", False)

    async def pages(**params: Any) -> list[str]:
        found = await market.pages(f"{API}/items", market.as_role(), limit=1, **params)
        return [i["name"] for i in found]

    # 700 USD at 12,650 = 8,855,000 UZS: between the two xanthates when sorted by price.
    assert await pages(category="reagent") == [
        "Imported xanthate",
        "Flotation frother",
        "Sodium butyl xanthate",
    ]
    assert await pages(category="reagent", sort="lead_time") == [
        "Flotation frother",
        "Sodium butyl xanthate",
        "Imported xanthate",
    ]
    bad = await client.get(f"{API}/items", params={"hs": "abc"}, headers=market.as_role())
    assert bad.status_code == 422
    forged = await client.get(f"{API}/items", params={"cursor": "abc"}, headers=market.as_role())
    assert forged.status_code == 400
