"""Suppliers through the API: registered pending, verified, suspended and reinstated by
admins, each step published; a STIR once; who sees which supplier."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from clusterkit.database import Database

from ..conftest import published
from .market import API, Headers, Market, supplier_form

SUPPLIER_EVENTS = "uz.coppercluster.supply.supplier."


async def test_a_supplier_is_registered_verified_suspended_and_reinstated(
    market: Market, client: httpx.AsyncClient, as_role: Headers
) -> None:
    supplier_id, key = await market.supplier("Navoiyazot JSC", verify=False)
    anyone = as_role()
    assert (await client.get(f"{API}/suppliers/{supplier_id}", headers=anyone)).status_code == 404
    assert (await client.get(f"{API}/suppliers/{supplier_id}", headers=key)).status_code == 200
    refused = await client.post(f"{API}/suppliers/{supplier_id}/verify", headers=key)
    assert refused.status_code == 403

    for action, status in (
        ("verify", "verified"),
        ("suspend", "suspended"),
        ("verify", "verified"),
    ):
        moved = await client.post(
            f"{API}/suppliers/{supplier_id}/{action}",
            json={"reason": f"{action} after audit"},
            headers=market.admin,
        )
        assert moved.status_code == 200, moved.text
        assert (moved.json()["status"], moved.json()["status_reason"]) == (
            status,
            f"{action} after audit",
        )
    again = await client.post(f"{API}/suppliers/{supplier_id}/verify", headers=market.admin)
    assert again.status_code == 409
    assert again.json()["type"].endswith("illegal-transition")
    assert again.json()["current_status"] == "verified"
    unknown = await client.post(f"{API}/suppliers/{uuid.uuid4()}/suspend", headers=market.admin)
    assert unknown.status_code == 404


async def test_a_stir_is_registered_once_and_the_answer_names_the_supplier_that_has_it(
    market: Market, client: httpx.AsyncClient
) -> None:
    body = supplier_form("Ohak Zavodi LLC", categories=("reagent", "material"))
    first = await client.post(f"{API}/suppliers", json=body, headers=market.admin)
    assert first.status_code == 201, first.text
    assert first.json()["categories"] == ["reagent", "material"]
    second = await client.post(
        f"{API}/suppliers", json={**body, "legal_name": "Other LLC"}, headers=market.admin
    )
    assert second.status_code == 409
    assert second.json()["type"].endswith("duplicate-stir")
    assert second.json()["existing"] == f"{API}/suppliers/{first.json()['id']}"


async def test_everybody_lists_verified_suppliers_and_admins_every_status(
    market: Market, client: httpx.AsyncClient, as_role: Headers
) -> None:
    await market.supplier("Aaa Verified LLC", categories=("equipment",))
    await market.supplier("Aab Pending LLC", categories=("equipment",), verify=False)
    await market.supplier("Aac Imported LLC", local=False, categories=("equipment",))

    async def names(headers: dict[str, str], **params: Any) -> list[str]:
        found = await client.get(
            f"{API}/suppliers", params={"category": "equipment", **params}, headers=headers
        )
        assert found.status_code == 200, found.text
        return [supplier["legal_name"] for supplier in found.json()["items"]]

    assert await names(as_role()) == ["Aaa Verified LLC", "Aac Imported LLC"]
    assert await names(as_role(), status="pending") == ["Aaa Verified LLC", "Aac Imported LLC"]
    assert await names(market.admin, status="pending") == ["Aab Pending LLC"]
    assert await names(market.admin, is_local=False) == ["Aac Imported LLC"]
    assert await names(market.admin, region="UZ-NW") == ["Aaa Verified LLC", "Aab Pending LLC"]
    paged = await market.pages(f"{API}/suppliers", market.admin, limit=1, category="equipment")
    assert [s["legal_name"] for s in paged] == [
        "Aaa Verified LLC",
        "Aab Pending LLC",
        "Aac Imported LLC",
    ]


async def test_each_step_of_a_supplier_is_published_with_the_supplier_as_it_stands(
    market: Market, client: httpx.AsyncClient, db: Database
) -> None:
    supplier_id, _ = await market.supplier(
        "Olmaliq Ohak LLC", categories=("reagent", "material"), verify=False
    )
    url = f"{API}/suppliers/{supplier_id}"
    for action, reason in (
        ("verify", None),
        ("suspend", "Certificate of conformity expired."),
        ("reinstate", "Certificate renewed."),
        ("suspend", None),
        ("verify", None),  # verifying a suspended supplier reinstates it too
    ):
        body = {"reason": reason} if reason else None
        moved = await client.post(f"{url}/{action}", json=body, headers=market.admin)
        assert moved.status_code == 200, (action, moved.text)
    # Each checked against its JSON Schema by published().
    steps = [(t, s, d) for t, s, d in await published(db) if t.startswith(SUPPLIER_EVENTS)]
    assert {subject for _, subject, _ in steps} == {supplier_id}
    moves = [(t.split(".")[4], d["previous_status"], d["status"], d["reason"]) for t, _, d in steps]
    assert moves == [
        ("registered", None, "pending", None),
        ("verified", "pending", "verified", None),
        ("suspended", "verified", "suspended", "Certificate of conformity expired."),
        ("reinstated", "suspended", "verified", "Certificate renewed."),
        ("suspended", "verified", "suspended", None),
        ("reinstated", "suspended", "verified", None),
    ]
    registered = steps[0][2]
    stored = (await client.get(url, headers=market.admin)).json()
    assert registered == {
        "supplier_id": supplier_id,
        "legal_name": "Olmaliq Ohak LLC",
        "stir": stored["stir"],
        "region": "UZ-NW",
        "categories": ["reagent", "material"],
        "is_local": True,
        "member_id": None,
        "status": "pending",
        "previous_status": None,
        "reason": None,
        "occurred_at": registered["occurred_at"],
    }
    assert registered["occurred_at"][:19] == stored["created_at"][:19]
    assert steps[-1][2]["occurred_at"][:19] == stored["updated_at"][:19]


async def test_a_step_a_supplier_is_not_in_a_state_to_take_is_a_conflict_and_publishes_nothing(
    market: Market, client: httpx.AsyncClient, as_role: Headers, db: Database
) -> None:
    supplier_id, key = await market.supplier("Kimyo Mash LLC", verify=False)
    url = f"{API}/suppliers/{supplier_id}"
    before = await published(db)
    refused = await client.post(f"{url}/reinstate", headers=market.admin)
    assert refused.status_code == 409, refused.text
    assert refused.json()["type"].endswith("illegal-transition")
    assert (refused.json()["current_status"], refused.json()["allowed_from"]) == (
        "pending",
        ["suspended"],
    )
    await client.post(f"{url}/verify", headers=market.admin)
    for action in ("verify", "reinstate"):
        refused = await client.post(f"{url}/{action}", headers=market.admin)
        assert refused.status_code == 409, (action, refused.text)
        assert refused.json()["current_status"] == "verified"
    await client.post(f"{url}/suspend", json={"reason": "Audit"}, headers=market.admin)
    again = await client.post(f"{url}/suspend", headers=market.admin)
    assert (again.status_code, again.json()["current_status"]) == (409, "suspended")
    assert (await client.post(f"{url}/reinstate", headers=key)).status_code == 403
    missing = await client.post(f"{API}/suppliers/{uuid.uuid4()}/reinstate", headers=market.admin)
    assert missing.status_code == 404
    after = [t.split(".")[4] for t, _, _ in (await published(db))[len(before) :]]
    assert after == ["verified", "suspended"]  # the refusals wrote nothing
