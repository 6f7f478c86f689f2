"""Period locks: only admins lock, a month is locked once, and a locked month takes
corrections only from admins with a reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import httpx

from clusterkit.database import Database
from production import events as ev

from ..conftest import add_member, published

REPORTS = "/api/v1/production/reports"
LOCK = "/api/v1/production/periods/2025-02/lock"


async def test_a_locked_period_takes_corrections_only_from_admins_with_a_reason(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    member = await add_member(db, "Powder Maker LLC")
    mine = as_role("member", member)
    body = {
        "organisation_id": member,
        "metric": "copper_processed",
        "period": "2025-02",
        "quantity": "12375",
        "unit": "TNE",
    }
    assert (await client.post(REPORTS, json=body, headers=mine)).status_code == 201
    assert (await client.post(LOCK, headers=mine)).status_code == 403
    assert (await client.post(LOCK, headers=as_role())).status_code == 401
    locked = await client.post(LOCK, json={"reason": "Q1 closed"}, headers=as_role("admin"))
    assert locked.status_code == 200, locked.text
    assert (locked.json()["period"], locked.json()["reason"]) == ("2025-02", "Q1 closed")
    again = await client.post(LOCK, headers=as_role("admin"))
    assert again.status_code == 409
    assert again.json()["type"].endswith("/already-locked")
    locked_at = datetime.fromisoformat(locked.json()["locked_at"])
    assert datetime.fromisoformat(again.json()["locked_at"]) == locked_at

    refused = await client.post(REPORTS, json=body, headers=mine)
    assert refused.status_code == 403
    assert refused.json()["type"].endswith("/period-locked")
    no_reason = await client.post(REPORTS, json=body, headers=as_role("admin"))
    assert [e["field"] for e in no_reason.json()["errors"]] == ["reason"]
    fixed = await client.post(
        REPORTS, json={**body, "reason": "audit correction"}, headers=as_role("admin")
    )
    assert fixed.status_code == 201
    assert fixed.json()["revision"] == 2

    locks = [d for t, _, d in await published(db) if t == ev.PERIOD_LOCKED]
    assert locks == [{**locks[0], "period": "2025-02", "reason": "Q1 closed"}]
