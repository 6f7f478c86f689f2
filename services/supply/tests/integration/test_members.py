"""Supply's member projection: applied once per event, readable by admins only."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from sqlalchemy import select

from clusterkit.db import Database
from clusterkit.events import CloudEvent
from supply.consumers import APPLICATION_SUBMITTED, on_application_submitted
from supply.models import inbox, members


async def test_the_inbox_makes_a_second_delivery_change_nothing(
    db: Database, client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]]
) -> None:
    application_id = uuid.uuid4()
    event = CloudEvent(
        type=APPLICATION_SUBMITTED,
        source="/coppercluster/membership",
        subject=str(application_id),
        data={
            "application_id": str(application_id),
            "legal_name": "Toshkent Mis Quvur JSC",
            "stir": "306445566",
            "region": "UZ-TK",
            "sectors": ["pipes"],
            "requested_cathode_tpy": "7500.000",
            "submitted_at": datetime.now(UTC).isoformat(),
        },
    )
    outcomes = []
    for _ in range(2):
        async with db.session() as session:
            outcomes.append(
                await inbox.handle_once(
                    session, "supply.membership-projection", event, on_application_submitted
                )
            )
            await session.commit()
    assert outcomes == [True, False]
    async with db.session() as session:
        rows = (await session.execute(select(members))).all()
    assert [(r.id, r.status) for r in rows] == [(application_id, "applicant")]

    listed = await client.get("/api/v1/supply/members", headers=as_role("admin"))
    assert [m["legal_name"] for m in listed.json()["items"]] == ["Toshkent Mis Quvur JSC"]
    denied = await client.get("/api/v1/supply/members", headers=as_role("procurement"))
    assert denied.status_code == 403
