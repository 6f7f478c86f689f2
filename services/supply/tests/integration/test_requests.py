"""Requests for quotation through the API: opened by an active member (once per
Idempotency-Key), seen by whom they concern, refused when malformed, cancelled."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from clusterkit.database import Database
from supply import events as ev

from ..conftest import published
from .market import API, SOON, Headers, Market, acid, catalogue_line


async def test_a_request_takes_its_catalogue_lines_and_is_seen_by_whom_it_concerns(
    market: Market, client: httpx.AsyncClient, as_role: Headers, db: Database
) -> None:
    _, lime_key = await market.supplier("Navoiyazot JSC")
    _, importer_key = await market.supplier("Reagent Import LLC", local=False)
    _, pumps_key = await market.supplier("Pump Works LLC", categories=("equipment",))
    _, pending_key = await market.supplier("Pending Reagents LLC", verify=False)
    lime = await market.item(lime_key)
    member, member_key = await market.member("Olmaliq Kabel Zavodi LLC")
    _, other_key = await market.member("Another Member LLC")

    request = await market.request(
        member_key,
        [
            catalogue_line(lime),
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
    assert (request["status"], request["member_id"]) == ("open", member)
    assert request["categories"] == ["reagent"]
    first, second = request["lines"]
    assert (first["description"], first["hs_code"], first["line_no"]) == (
        "Quicklime, 90% CaO",
        "282510",
        1,
    )
    assert (second["hs_code"], second["quantity"], second["catalogue_item_id"]) == (
        "280700",
        "120",
        None,
    )
    [*_, (kind, subject, data)] = await published(db)
    assert (kind, subject) == (ev.REQUEST_OPENED, rid)
    assert data["member"]["legal_name"] == "Olmaliq Kabel Zavodi LLC"

    # Reagent suppliers see it; an equipment maker, a pending supplier, another member not.
    for key, seen in (
        (lime_key, 200),
        (importer_key, 200),
        (pumps_key, 404),
        (pending_key, 404),
        (other_key, 404),
        (as_role("procurement"), 200),
        (as_role("member"), 404),  # a member key bound to no member
    ):
        assert (await client.get(f"{API}/requests/{rid}", headers=key)).status_code == seen
    assert (await client.get(f"{API}/requests", headers=pumps_key)).json()["items"] == []
    listed = await client.get(f"{API}/requests", params={"category": "reagent"}, headers=lime_key)
    assert [r["id"] for r in listed.json()["items"]] == [rid]
    assert (await client.get(f"{API}/requests", headers=other_key)).json()["items"] == []
    assert (await client.get(f"{API}/requests/{rid}", headers=as_role())).status_code == 401


async def test_requests_are_listed_newest_first_in_pages(
    market: Market, client: httpx.AsyncClient
) -> None:
    member, member_key = await market.member("Busy Buyer LLC")
    opened = [(await market.request(member_key, [acid(str(n))]))["id"] for n in (1, 2, 3)]
    found = await market.pages(f"{API}/requests", market.admin, limit=2, member_id=member)
    seen = [request["id"] for request in found]
    # One transaction, one now(): the same created_at, so newest first ties break by id.
    assert seen == sorted(opened, reverse=True)
    cancelled = await client.get(
        f"{API}/requests", params={"status": "cancelled"}, headers=member_key
    )
    assert cancelled.json()["items"] == []


async def test_bad_input_is_refused_and_nothing_is_half_written(
    market: Market, client: httpx.AsyncClient, db: Database
) -> None:
    _, key = await market.supplier("Kimyo Reagent LLC")
    lime = await market.item(key)
    _, member_key = await market.member("Careful Buyer LLC")
    good = catalogue_line(lime, "5")
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
    past = await client.post(
        f"{API}/requests",
        json={"lines": [good], "needed_by": "2020-01-01", "delivery_region": "UZ-TO"},
        headers=member_key,
    )
    assert past.status_code == 422
    assert [e["field"] for e in past.json()["errors"]] == ["needed_by"]
    assert (await published(db))[-1][0] == ev.ITEM_LISTED  # nothing written by the refusals


async def test_a_retried_request_with_the_same_idempotency_key_opens_one(
    market: Market, client: httpx.AsyncClient, db: Database
) -> None:
    _, key = await market.member("Retry Buyer LLC")
    member_key = {**key, "Idempotency-Key": "rfq-1"}
    body = {"lines": [acid("5")], "needed_by": SOON, "delivery_region": "UZ-TO"}
    first = await client.post(f"{API}/requests", json=body, headers=member_key)
    second = await client.post(f"{API}/requests", json=body, headers=member_key)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert "idempotent-replayed" not in first.headers
    assert second.headers["idempotent-replayed"] == "true"
    other = await client.post(
        f"{API}/requests", json={**body, "note": "changed"}, headers=member_key
    )
    assert other.status_code == 422
    assert other.json()["type"].endswith("idempotency-key-reused")
    opened = [t for t, _, _ in await published(db) if t == ev.REQUEST_OPENED]
    assert len(opened) == 1


async def test_the_member_or_an_admin_cancels_an_open_request_and_its_offers_are_declined(
    market: Market, client: httpx.AsyncClient, as_role: Headers, db: Database
) -> None:
    key, _, member_key, request, offer = await market.deal("Changed Mind LLC")
    _, other_key = await market.member("Bystander LLC")
    url = f"{API}/requests/{request['id']}/cancel"
    reason = {"reason": "Budget moved to next year"}

    assert (await client.post(url, json=reason, headers=key)).status_code == 403
    assert (await client.post(url, json=reason, headers=other_key)).status_code == 404
    assert (await client.post(url, json={}, headers=member_key)).status_code == 422
    cancelled = await client.post(url, json=reason, headers=member_key)
    assert cancelled.status_code == 200, cancelled.text
    assert (cancelled.json()["status"], cancelled.json()["status_reason"]) == (
        "cancelled",
        "Budget moved to next year",
    )
    again = await client.post(url, json=reason, headers=as_role("admin"))
    assert again.status_code == 409
    assert (again.json()["current_status"], again.json()["allowed_from"]) == ("cancelled", ["open"])
    declined = await client.get(f"{API}/offers/{offer['id']}", headers=key)
    assert declined.json()["status"] == "declined"
    tail = [(t, s, d) for t, s, d in await published(db)][-2:]
    assert [t for t, _, _ in tail] == [ev.OFFER_DECLINED, ev.REQUEST_CANCELLED]
    assert {s for _, s, _ in tail} == {request["id"]}
    assert tail[0][2]["reason"] == "The request was cancelled."
    assert tail[1][2]["cancelled_by"] == "member"
    # A supplier no longer sees a cancelled request it did not quote on.
    _, late_key = await market.supplier("Late Acid LLC")
    assert (
        await client.get(f"{API}/requests/{request['id']}", headers=late_key)
    ).status_code == 404
    assert (await client.get(f"{API}/requests/{request['id']}", headers=key)).status_code == 200
