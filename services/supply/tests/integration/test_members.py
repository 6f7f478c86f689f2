"""Supply's member projection: applied once per event, effective status, admins only."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select

from clusterkit.database import Database
from clusterkit.events import CloudEvent
from clusterkit.legacy import SessionInbox
from supply.consumers import HANDLERS, MEMBER_ADMITTED, MEMBER_SUSPENDED
from supply.models import inbox, members

GROUP = "supply.membership-projection"


def member_event(type_: str, member_id: uuid.UUID, **data: object) -> CloudEvent:
    return CloudEvent(
        type=type_,
        source="/coppercluster/membership",
        subject=str(member_id),
        data={"member_id": str(member_id), **data},
    )


async def test_a_second_delivery_changes_nothing_and_a_lapsed_suspension_is_over(
    db: Database, client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]]
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
    outcomes = []
    for event in (admitted, admitted, suspended):
        async with db.legacy.session() as session:
            outcomes.append(
                await SessionInbox(inbox).handle_once(session, GROUP, event, HANDLERS[event.type])
            )
            await session.commit()
    assert outcomes == [True, False, True]
    async with db.legacy.session() as session:
        rows = (await session.execute(select(members))).all()
    assert [(r.id, r.status) for r in rows] == [(member_id, "suspended")]

    listed = await client.get("/api/v1/supply/members", headers=as_role("admin"))
    [member] = listed.json()["items"]
    assert member["legal_name"] == "Toshkent Mis Quvur JSC"
    assert member["status"] == "active"  # the suspension's end date has passed
    denied = await client.get("/api/v1/supply/members", headers=as_role("procurement"))
    assert denied.status_code == 403
