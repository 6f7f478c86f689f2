"""An application submitted through the gateway reaches membership's table, Kafka and the
production and supply projections; faults on the way lose nothing."""

from __future__ import annotations

import asyncio
import random
import uuid
from decimal import Decimal
from typing import Any

import httpx

from clusterkit.events import CloudEvent
from clusterkit.testing import eventually, read_events
from devstack import SERVICES, Stack

APPLICATIONS = "/api/v1/membership/applications"
MEMBERS_URL = "/api/v1/membership/members"


def application(name: str) -> dict[str, Any]:
    return {
        "legal_name": name,
        "stir": f"{random.randrange(10**8, 10**9)}",
        "region": "UZ-TO",
        "sectors": ["cable_wire"],
        "planned_products": [],
        "requested_cathode_tpy": "1200",
        "contact": {"name": "Test Person", "email": "t@example.uz", "phone": "+998 70 000 00 00"},
        "proposal": "End-to-end test application.",
    }


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def admit(gateway: httpx.AsyncClient, admin_key: str, name: str) -> str:
    """Apply, review and approve through the gateway; return the new member's id."""
    submitted = await gateway.post(APPLICATIONS, json=application(name))
    assert submitted.status_code == 201, submitted.text
    one = f"{APPLICATIONS}/{submitted.json()['id']}"
    assert (await gateway.post(f"{one}/start-review", headers=bearer(admin_key))).status_code == 200
    approved = await gateway.post(f"{one}/approve", headers=bearer(admin_key))
    assert approved.status_code == 200, approved.text
    member_id: str = approved.json()["member_id"]
    return member_id


async def projections(gateway: httpx.AsyncClient, admin_key: str) -> list[dict[str, str]]:
    """Member id -> status, as production and as supply know them."""
    views: list[dict[str, str]] = []
    for url, headers in (
        ("/api/v1/production/organisations", {}),
        ("/api/v1/supply/members", bearer(admin_key)),
    ):
        found: dict[str, str] = {}
        cursor = None
        while True:
            params = {"limit": "200", **({"cursor": cursor} if cursor else {})}
            page = (await gateway.get(url, params=params, headers=headers)).json()
            found.update({item["id"]: item["status"] for item in page["items"]})
            cursor = page["next_cursor"]
            if cursor is None:
                break
        views.append(found)
    return views


async def projected(
    gateway: httpx.AsyncClient, admin_key: str, ids: set[str], status: str = "active"
) -> bool:
    """Every id is in production's and supply's projection with ``status``."""
    return all(
        all(view.get(i) == status for i in ids) for view in await projections(gateway, admin_key)
    )


async def membership_events(stack: Stack, at_least: int) -> list[CloudEvent]:
    return await read_events(stack.kafka_bootstrap, "membership.events", at_least=at_least)


async def test_the_stack_is_ready_through_the_gateway(gateway: httpx.AsyncClient) -> None:
    ready = await gateway.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert set(ready.json()["checks"]) == {
        "postgres",
        "kafka",
        "membership",
        "production",
        "supply",
    }


async def test_an_application_flows_through_review_kafka_and_both_projections(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    request_id = f"e2e-{uuid.uuid4().hex}"
    response = await gateway.post(
        APPLICATIONS, json=application("Slice Cable LLC"), headers={"X-Request-ID": request_id}
    )
    assert response.status_code == 201, response.text
    assert response.headers["x-request-id"] == request_id
    application_id = response.json()["id"]
    one = f"{APPLICATIONS}/{application_id}"
    token = {"X-Application-Token": response.json()["access_token"]}

    # the applicant reads its application with its token (the gateway passes it through)
    assert (await gateway.get(one, headers=token)).status_code == 200
    assert (await gateway.get(one)).status_code == 401
    admin = bearer(admin_key)
    assert (await gateway.post(f"{one}/start-review", headers=admin)).status_code == 200
    asked = await gateway.post(f"{one}/request-info", json={"reason": "Layout?"}, headers=admin)
    assert asked.json()["status"] == "info_requested"
    answered = await gateway.post(f"{one}/respond", json={"reason": "Sent."}, headers=token)
    assert answered.json()["status"] == "under_review"
    approved = await gateway.post(f"{one}/approve", headers=admin)
    member_id = approved.json()["member_id"]

    await eventually(lambda: projected(gateway, admin_key, {member_id}), within=45)
    registry = (await gateway.get(MEMBERS_URL, params={"q": "Slice Cable"})).json()["items"]
    assert [m["id"] for m in registry] == [member_id]
    assert "contact" not in registry[0]

    events = await membership_events(stack, 1)
    # order is per aggregate (Kafka key): the application's events, then the member's
    mine = [e for e in events if e.subject == application_id]
    assert [e.type.split(".", 3)[3] for e in mine] == [
        "application.submitted.v1",
        "application.review_started.v1",
        "application.info_requested.v1",
        "application.responded.v1",
        "application.approved.v1",
    ]
    member_events = [e.type.split(".", 3)[3] for e in events if e.subject == member_id]
    assert member_events == ["member.admitted.v1"]
    assert mine[0].requestid == request_id
    assert mine[0].source == "/coppercluster/membership"


async def test_a_member_suspended_then_expelled_shows_so_in_every_projection(
    gateway: httpx.AsyncClient, admin_key: str
) -> None:
    member_id = await admit(gateway, admin_key, "Lifecycle Pipes LLC")
    await eventually(lambda: projected(gateway, admin_key, {member_id}), within=45)
    admin = bearer(admin_key)
    one = f"{MEMBERS_URL}/{member_id}"
    suspended = await gateway.post(
        f"{one}/suspend", json={"reason": "Overdue reports"}, headers=admin
    )
    assert suspended.status_code == 200, suspended.text
    await eventually(lambda: projected(gateway, admin_key, {member_id}, "suspended"), within=45)
    await gateway.post(f"{one}/expel", json={"reason": "Left"}, headers=admin)
    await eventually(lambda: projected(gateway, admin_key, {member_id}, "expelled"), within=45)


async def test_two_admins_approving_at_once_one_wins_the_other_gets_409(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    submitted = await gateway.post(APPLICATIONS, json=application("Race Fittings LLC"))
    one = f"{APPLICATIONS}/{submitted.json()['id']}"
    admin = bearer(admin_key)
    await gateway.post(f"{one}/start-review", headers=admin)
    results = await asyncio.gather(
        *(gateway.post(f"{one}/approve", headers=admin) for _ in range(2))
    )
    assert sorted(r.status_code for r in results) == [200, 409]
    loser = next(r for r in results if r.status_code == 409).json()
    assert loser["current_status"] == "approved"
    member_id = next(r for r in results if r.status_code == 200).json()["member_id"]
    admitted = [
        e
        for e in await membership_events(stack, 1)
        if e.type.endswith("member.admitted.v1")
        and e.data["application_id"] == submitted.json()["id"]
    ]
    assert [e.subject for e in admitted] == [member_id]


async def test_calls_around_the_gateway_are_401(stack: Stack) -> None:
    async with httpx.AsyncClient() as client:
        for service in SERVICES[:-1]:
            response = await client.get(f"{stack.url(service.name)}/api/v1/{service.name}/x")
            assert response.status_code == 401, service.name
            assert response.headers["content-type"] == "application/problem+json"


async def test_bad_input_through_the_gateway_is_a_422_problem(
    gateway: httpx.AsyncClient,
) -> None:
    response = await gateway.post(
        APPLICATIONS, content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    wrong = await gateway.post(APPLICATIONS, json={**application("X LLC"), "region": "UZ-99"})
    assert [e["field"] for e in wrong.json()["errors"]] == ["region"]


async def test_kafka_stopped_writes_succeed_and_every_event_arrives_once(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    broker = stack.kafka()
    broker.stop()
    try:
        ids = {await admit(gateway, admin_key, f"Outage {i} LLC") for i in range(5)}
        await asyncio.sleep(2)
        views = await projections(gateway, admin_key)
        assert all(not ids & set(view) for view in views)
    finally:
        broker.start()
    await eventually(lambda: projected(gateway, admin_key, ids), within=90)
    admitted = [
        e
        for e in await membership_events(stack, 10)
        if e.type.endswith("member.admitted.v1") and e.subject in ids
    ]
    # Kafka may hold a re-sent copy (at least once); the projections applied each once.
    assert {e.subject for e in admitted} == ids


async def test_postgres_down_is_503_then_recovers_without_a_restart(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    stack.postgres.stop()
    try:
        failed = await gateway.post(APPLICATIONS, json=application("Down LLC"))
        assert failed.status_code == 503, failed.text
        assert failed.headers["content-type"] == "application/problem+json"
        async with httpx.AsyncClient() as client:
            ready = await client.get(f"{stack.url('membership')}/readyz")
        assert ready.status_code == 503
        assert ready.json()["checks"]["postgres"].startswith("unavailable")
        assert ready.json()["checks"]["kafka"] == "ok"
    finally:
        stack.postgres.start()

    async def accepted() -> bool:
        response = await gateway.post(APPLICATIONS, json=application("Back LLC"))
        return response.status_code == 201

    await eventually(accepted, every=0.5)


async def test_demo_data_loads_once_through_the_gateway(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    from demo import MEMBERS, OPEN_APPLICATIONS, load_demo_data

    loaded = await asyncio.to_thread(load_demo_data, stack.url("gateway"), admin_key)
    assert loaded == len(MEMBERS) + len(OPEN_APPLICATIONS)
    assert await asyncio.to_thread(load_demo_data, stack.url("gateway"), admin_key) == 0
    anchor = (
        await gateway.get("/api/v1/production/organisations", params={"kind": "producer"})
    ).json()["items"]
    assert [o["legal_name"] for o in anchor] == ["JSC Almalyk MMC"]
    reagents = (await gateway.get(MEMBERS_URL, params={"sector": "chemical_reagents"})).json()
    assert "Navoiy Kimyo Reagent LLC" in [m["legal_name"] for m in reagents["items"]]
    share = (
        await gateway.get("/api/v1/production/kpis/deep-processing", params={"year": "2025"})
    ).json()
    assert share["cathode_output_t"] == "148500.000"
    assert Decimal("0") < Decimal(share["share"]) < Decimal("0.80")
    under_review = await gateway.get(
        APPLICATIONS, params={"status": "under_review"}, headers=bearer(admin_key)
    )
    assert "Buxoro Kadrlar Markazi" in [a["legal_name"] for a in under_review.json()["items"]]
    lime = (await gateway.get("/api/v1/supply/items", params={"hs": "2522"})).json()["items"]
    assert "Quicklime, 90% CaO" in [i["name"] for i in lime]
    local = (await gateway.get("/api/v1/supply/stats/localization")).json()
    assert local["orders"] >= 3
    assert Decimal("0") < Decimal(local["local_share"]) < Decimal("1")
