"""An application submitted through the gateway reaches membership's table, Kafka and the
production and supply projections; faults on the way lose nothing."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx

from clusterkit.events import CloudEvent
from clusterkit.testing import eventually, read_events
from devstack import SERVICES, Stack

APPLICATIONS = "/api/v1/membership/applications"


def application(name: str) -> dict[str, Any]:
    return {
        "legal_name": name,
        "stir": "305112233",
        "region": "UZ-TO",
        "sectors": ["cable_wire"],
        "planned_products": [],
        "requested_cathode_tpy": "1200",
        "contact": {"name": "Test Person", "email": "t@example.uz", "phone": "+998 70 000 00 00"},
        "proposal": "End-to-end test application.",
    }


async def projected(gateway: httpx.AsyncClient, admin_key: str, ids: set[str]) -> bool:
    """Every id is an organisation in production and a member in supply."""
    admin = {"Authorization": f"Bearer {admin_key}"}
    production: set[str] = set()
    supply: set[str] = set()
    for url, found, headers in (
        ("/api/v1/production/organisations", production, {}),
        ("/api/v1/supply/members", supply, admin),
    ):
        cursor = None
        while True:
            params = {"limit": "200", **({"cursor": cursor} if cursor else {})}
            page = (await gateway.get(url, params=params, headers=headers)).json()
            found.update(item["id"] for item in page["items"])
            cursor = page["next_cursor"]
            if cursor is None:
                break
    return ids <= production and ids <= supply


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


async def test_an_application_flows_through_outbox_kafka_and_both_projections(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    request_id = f"e2e-{uuid.uuid4().hex}"
    response = await gateway.post(
        APPLICATIONS, json=application("Slice Cable LLC"), headers={"X-Request-ID": request_id}
    )
    assert response.status_code == 201, response.text
    assert response.headers["x-request-id"] == request_id
    application_id = response.json()["id"]

    await eventually(lambda: projected(gateway, admin_key, {application_id}), within=45)

    events = [e for e in await membership_events(stack, 1) if e.subject == application_id]
    assert len(events) == 1
    event = events[0]
    assert event.type == "uz.coppercluster.membership.application.submitted.v1"
    assert event.source == "/coppercluster/membership"
    assert event.requestid == request_id
    assert event.data["legal_name"] == "Slice Cable LLC"

    admin = {"Authorization": f"Bearer {admin_key}"}
    stored = await gateway.get(f"{APPLICATIONS}/{application_id}", headers=admin)
    assert stored.status_code == 200
    assert (await gateway.get(f"{APPLICATIONS}/{application_id}")).status_code == 403


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
        ids = set()
        for i in range(10):
            response = await gateway.post(APPLICATIONS, json=application(f"Outage {i} LLC"))
            assert response.status_code == 201, response.text
            ids.add(response.json()["id"])
        await asyncio.sleep(2)
        assert not await projected(gateway, admin_key, ids)
    finally:
        broker.start()
    await eventually(lambda: projected(gateway, admin_key, ids), within=90)
    events = [e for e in await membership_events(stack, 100) if e.subject in ids]
    # Kafka may hold a re-sent copy (at least once); the projections applied each once.
    assert {e.subject for e in events} == ids


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
