"""Supply's member projection: applied once per event, effective status, admins only; a
member that leaves good standing asks for nothing more and its open requests are
cancelled."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx

from clusterkit.database import Database
from clusterkit.member_projection import (
    MEMBER_ADMITTED,
    MEMBER_EXPELLED,
    MEMBER_REINSTATED,
    MEMBER_SUSPENDED,
    MEMBER_UPDATED,
)
from supply import events as ev

from ..conftest import published
from .market import API, SOON, Headers, Market, acid, deliver, later, member_event


async def test_a_second_delivery_changes_nothing_and_a_lapsed_suspension_is_over(
    db: Database, client: httpx.AsyncClient, as_role: Headers
) -> None:
    member_id = uuid.uuid4()
    now = datetime.now(UTC)
    admitted = member_event(
        MEMBER_ADMITTED,
        member_id,
        application_id=str(uuid.uuid4()),
        legal_name="Toshkent Mis Quvur JSC",
        stir="306445566",
        region="UZ-TK",
        sectors=["pipes"],
        cathode_quota_tpy="7500.000",
        status="active",
        admitted_at=now.isoformat(),
    )
    suspended = member_event(
        MEMBER_SUSPENDED,
        member_id,
        status="suspended",
        reason="audit",
        until=(now - timedelta(seconds=1)).isoformat(),
        occurred_at=now.isoformat(),
    )
    outcomes = [await deliver(db, event) for event in (admitted, admitted, suspended)]
    assert outcomes == [True, False, True]

    listed = await client.get(f"{API}/members", headers=as_role("admin"))
    [member] = listed.json()["items"]
    assert member["legal_name"] == "Toshkent Mis Quvur JSC"
    assert member["status"] == "active"  # the suspension's end date has passed
    assert "suspended_until" not in member
    denied = await client.get(f"{API}/members", headers=as_role("procurement"))
    assert denied.status_code == 403

    renamed = member_event(
        MEMBER_UPDATED, member_id, legal_name="Toshkent Mis JSC", region="UZ-TO", sectors=[]
    )
    expelled = member_event(MEMBER_EXPELLED, member_id, reason="fraud")
    assert await deliver(db, renamed)
    assert await deliver(db, expelled)
    [member] = (await client.get(f"{API}/members", headers=as_role("admin"))).json()["items"]
    assert (member["legal_name"], member["region"], member["status"]) == (
        "Toshkent Mis JSC",
        "UZ-TO",
        "expelled",
    )


async def test_members_are_listed_in_pages(
    market: Market, client: httpx.AsyncClient, as_role: Headers
) -> None:
    ids = [(await market.member(f"Member {n} LLC"))[0] for n in range(3)]
    found = await market.pages(f"{API}/members", as_role("admin"), limit=2)
    seen = [member["id"] for member in found]
    assert seen == sorted(ids)


async def test_a_suspended_member_cannot_ask_and_its_open_requests_are_cancelled(
    market: Market, client: httpx.AsyncClient, db: Database
) -> None:
    _, member, member_key, request, _ = await market.deal("Soon Suspended LLC")

    suspended = member_event(
        MEMBER_SUSPENDED, member, status="suspended", reason="Audit", occurred_at=later(0)
    )
    assert [await deliver(db, suspended) for _ in range(2)] == [True, False]  # redelivered
    cancelled = await client.get(f"{API}/requests/{request['id']}", headers=member_key)
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["status_reason"] == "The member was suspended: Audit"
    tail = [(t, d) for t, _, d in await published(db)][-2:]
    assert [t for t, _ in tail] == [ev.OFFER_DECLINED, ev.REQUEST_CANCELLED]
    assert tail[1][1]["cancelled_by"] == "membership"
    body = {"lines": [acid()], "needed_by": SOON, "delivery_region": "UZ-TO"}
    refused = await client.post(f"{API}/requests", json=body, headers=member_key)
    assert refused.status_code == 403
    assert refused.json()["status_of_member"] == "suspended"

    assert await deliver(db, member_event(MEMBER_REINSTATED, member))
    again = await client.post(f"{API}/requests", json=body, headers=member_key)
    assert again.status_code == 201, again.text
    unknown = await client.post(
        f"{API}/requests", json=body, headers=market.as_role("member", str(uuid.uuid4()))
    )
    assert unknown.status_code == 403
    assert unknown.json()["status_of_member"] == "unknown"
