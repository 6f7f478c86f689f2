"""Production through the gateway: a member reports with its own key, corrects, reads
"as of", loses the right to report when membership suspends it, and every event on
production.events fits its contract."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import httpx

from clusterkit.testing import eventually, read_events
from devstack import Stack
from production.events import contracts

from .test_membership import issue_key
from .test_thin_slice import MEMBERS_URL, admit, bearer, projected

REPORTS = "/api/v1/production/reports"


async def test_a_member_reports_corrects_and_is_stopped_when_suspended(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    member = await admit(gateway, admin_key, "Reporting Wire LLC")
    await eventually(lambda: projected(gateway, admin_key, {member}), within=45)
    key = bearer(await asyncio.to_thread(issue_key, stack, "member", member))
    body = {
        "organisation_id": member,
        "metric": "copper_processed",
        "period": "2025-06",
        "product_category": "cable_wire",
        "quantity": "1200500",
        "unit": "KGM",
    }
    first = await gateway.post(REPORTS, json=body, headers=key)
    assert first.status_code == 201, first.text
    assert (first.json()["quantity"], first.json()["unit"]) == ("1200.500", "TNE")
    known_then = datetime.now(UTC).isoformat()
    await asyncio.sleep(0.05)
    second = await gateway.post(
        REPORTS,
        json={**body, "quantity": "1250", "unit": "TNE", "reason": "final figures"},
        headers=key,
    )
    assert second.json()["revision"] == 2
    then = await gateway.get(
        REPORTS, params={"organisation_id": member, "as_of": known_then}, headers=key
    )
    assert [r["quantity"] for r in then.json()["items"]] == ["1200.500"]
    other = await gateway.get(REPORTS, params={"organisation_id": member})
    assert other.status_code == 401

    suspended = await gateway.post(
        f"{MEMBERS_URL}/{member}/suspend",
        json={"reason": "Overdue fees"},
        headers=bearer(admin_key),
    )
    assert suspended.status_code == 200
    await eventually(lambda: projected(gateway, admin_key, {member}, "suspended"), within=45)
    refused = await gateway.post(REPORTS, json=body, headers=key)
    assert refused.status_code == 403
    assert refused.json()["status_of_organisation"] == "suspended"

    events = await read_events(stack.kafka_bootstrap, "production.events", at_least=3)
    mine = [e for e in events if e.subject == member]
    assert [e.type.rsplit(".", 2)[-2] for e in mine] == ["submitted", "revised"]
    for event in events:
        contracts.validate(event.type, dict(event.data))
