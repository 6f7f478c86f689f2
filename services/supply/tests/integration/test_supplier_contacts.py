"""A supplier's contact email: given at registration or set later, read by the supplier
itself and admins only, and never in the public supplier answers."""

from __future__ import annotations

import uuid

from .market import API, Market, supplier_form


async def registered(market: Market, name: str, email: str) -> str:
    """A supplier an admin registers with its contact email (never in the answer); its id."""
    body = supplier_form(name, local=False, contact_email=email)
    created = await market.client.post(f"{API}/suppliers", json=body, headers=market.admin)
    assert created.status_code == 201, created.text
    assert "contact_email" not in created.json()
    return str(created.json()["id"])


async def test_the_contact_is_kept_apart_from_the_public_supplier(market: Market) -> None:
    supplier_id = await registered(market, "Contact Ohak LLC", "sales@contact-ohak.uz")
    await market.client.post(f"{API}/suppliers/{supplier_id}/verify", headers=market.admin)
    contact = f"{API}/suppliers/{supplier_id}/contact"

    own = market.as_role("supplier", supplier_id)
    assert (await market.client.get(contact, headers=own)).json()["email"] == (
        "sales@contact-ohak.uz"
    )
    changed = await market.client.put(
        contact, json={"email": "orders@contact-ohak.uz"}, headers=own
    )
    assert changed.status_code == 200, changed.text
    read = await market.client.get(contact, headers=market.admin)
    assert read.json()["email"] == "orders@contact-ohak.uz"

    other = market.as_role("supplier", str(uuid.uuid4()))
    assert (await market.client.get(contact, headers=other)).status_code == 403
    assert (
        await market.client.get(contact, headers=market.as_role("anonymous"))
    ).status_code == 401
    bad = await market.client.put(contact, json={"email": "not an email"}, headers=own)
    assert bad.status_code == 422
    listed = await market.client.get(f"{API}/suppliers", headers=market.as_role("anonymous"))
    assert "orders@contact-ohak.uz" not in listed.text


async def test_the_contact_keeps_the_language_its_notices_are_written_in(
    market: Market,
) -> None:
    supplier_id = await registered(market, "Til Ohak LLC", "sales@til-ohak.uz")
    contact = f"{API}/suppliers/{supplier_id}/contact"
    # registered by an admin: nothing said of the supplier's language
    assert (await market.client.get(contact, headers=market.admin)).json()["language"] is None
    own = market.as_role("supplier", supplier_id)

    said = await market.client.put(
        contact, json={"email": "sales@til-ohak.uz", "language": "ru"}, headers=own
    )
    assert said.status_code == 200, said.text
    assert said.json()["language"] == "ru"
    # left out: the best match of the request's Accept-Language
    asked = await market.client.put(
        contact,
        json={"email": "sales@til-ohak.uz"},
        headers={**own, "Accept-Language": "de;q=0.9, uz-Latn-UZ;q=0.8"},
    )
    assert asked.json()["language"] == "uz"
    assert (await market.client.get(contact, headers=market.admin)).json()["language"] == "uz"
    neither = await market.client.put(contact, json={"email": "sales@til-ohak.uz"}, headers=own)
    assert neither.json()["language"] is None
    bad = await market.client.put(
        contact, json={"email": "sales@til-ohak.uz", "language": "de"}, headers=own
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "language"
