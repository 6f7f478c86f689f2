"""Submitting an application: stored, announced through the outbox, validated."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import select

from clusterkit.db import Database
from membership.events import APPLICATION_SUBMITTED
from membership.models import applications, outbox

URL = "/api/v1/membership/applications"


def submission(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "legal_name": "Olmaliq Kabel Zavodi LLC",
        "stir": "305112233",
        "region": "UZ-TO",
        "sectors": ["cable_wire", "fittings"],
        "planned_products": [
            {
                "hs_code": "8544.49",
                "description": "Power cable",
                "annual_capacity": {"quantity": "15000", "unit": "KMT"},
            }
        ],
        "requested_cathode_tpy": "14000.5",
        "contact": {
            "name": "Dilshod Karimov",
            "email": "info@kabel.uz",
            "phone": "+998 70 123 45 67",
        },
        "proposal": "Power cables from AMMC cathode copper.",
    }
    body.update(overrides)
    return body


async def test_an_anonymous_company_can_apply_and_the_event_is_in_the_outbox(
    client: httpx.AsyncClient, db: Database, as_role: Callable[..., dict[str, str]]
) -> None:
    response = await client.post(URL, json=submission(), headers=as_role("anonymous"))
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["status"] == "submitted"
    assert created["requested_cathode_tpy"] == "14000.500"
    assert created["sectors"] == ["cable_wire", "fittings"]

    async with db.session() as session:
        stored = (await session.execute(select(applications))).one()
        event = (await session.execute(select(outbox.table))).one()
    assert str(stored.id) == created["id"]
    assert event.type == APPLICATION_SUBMITTED
    assert event.topic == "membership.events"
    assert event.subject == created["id"]
    assert event.data["stir"] == "305112233"
    assert event.data["requested_cathode_tpy"] == "14000.500"
    assert event.published_at is None


async def test_bad_fields_are_each_named_in_a_422_problem(
    client: httpx.AsyncClient, db: Database, as_role: Callable[..., dict[str, str]]
) -> None:
    bad = submission(
        stir="12345678",
        region="UZ-ZZ",
        sectors=["gold"],
        requested_cathode_tpy="-1",
        contact={"name": "x", "email": "nope", "phone": "1"},
    )
    response = await client.post(URL, json=bad, headers=as_role())
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {
        "stir",
        "region",
        "sectors.0",
        "requested_cathode_tpy",
        "contact.email",
        "contact.phone",
    }
    async with db.session() as session:
        assert (await session.execute(select(outbox.table))).first() is None


async def test_empty_sectors_and_unknown_fields_are_refused(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]]
) -> None:
    response = await client.post(URL, json=submission(sectors=[], is_admin=True), headers=as_role())
    assert {e["field"] for e in response.json()["errors"]} == {"sectors", "is_admin"}


async def test_reading_an_application_needs_admin(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]]
) -> None:
    created = (await client.post(URL, json=submission(), headers=as_role())).json()
    one = f"{URL}/{created['id']}"
    assert (await client.get(one, headers=as_role("anonymous"))).status_code == 403
    assert (await client.get(one, headers=as_role("member", "org-1"))).status_code == 403
    admin = await client.get(one, headers=as_role("admin"))
    assert admin.status_code == 200
    assert admin.json()["legal_name"] == "Olmaliq Kabel Zavodi LLC"
    missing = await client.get(
        f"{URL}/00000000-0000-0000-0000-000000000000", headers=as_role("admin")
    )
    assert missing.status_code == 404
    assert (await client.get(f"{URL}/not-a-uuid", headers=as_role("admin"))).status_code == 422
    assert (await client.post(URL, json=submission())).status_code == 401
