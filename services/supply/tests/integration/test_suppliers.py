"""Suppliers through the API: registered pending, verified, suspended and reinstated by
admins; a STIR once; who sees which supplier."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from .market import API, Headers, Market


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
    body = {
        "legal_name": "Ohak Zavodi LLC",
        "stir": f"{uuid.uuid4().int % 10**9:09d}",
        "region": "UZ-NW",
        "is_local": True,
        "categories": ["reagent", "material"],
    }
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
