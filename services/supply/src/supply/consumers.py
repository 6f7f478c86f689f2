"""Membership events projected into ``members`` (who may request supplies)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from clusterkit.app import ServiceRuntime
from clusterkit.events import CloudEvent
from clusterkit.legacy import SessionConsumer as EventConsumer
from clusterkit.legacy import SessionHandler as Handler
from supply import service
from supply.models import inbox, members, outbox
from supply.settings import SupplySettings

# The membership contract this service reads (contracts/membership/).
MEMBERSHIP = "uz.coppercluster.membership"
MEMBER_ADMITTED = f"{MEMBERSHIP}.member.admitted.v1"
MEMBER_UPDATED = f"{MEMBERSHIP}.member.updated.v1"
MEMBER_SUSPENDED = f"{MEMBERSHIP}.member.suspended.v1"
MEMBER_REINSTATED = f"{MEMBERSHIP}.member.reinstated.v1"
MEMBER_EXPELLED = f"{MEMBERSHIP}.member.expelled.v1"


async def on_member_admitted(session: AsyncSession, event: CloudEvent) -> None:
    # A plain insert: the inbox guarantees one row per event, so a second insert would be a
    # bug worth failing loudly on.
    data = event.data
    await session.execute(
        insert(members).values(
            id=data["member_id"],
            legal_name=data["legal_name"],
            stir=data["stir"],
            region=data["region"],
            sectors=data["sectors"],
            status="active",
            updated_at=event.time,
        )
    )


async def _update(session: AsyncSession, event: CloudEvent, **values: object) -> None:
    await session.execute(
        update(members)
        .where(members.c.id == event.data["member_id"])
        .values(**values, updated_at=event.time)
    )


async def on_member_updated(session: AsyncSession, event: CloudEvent) -> None:
    data = event.data
    await _update(
        session,
        event,
        legal_name=data["legal_name"],
        region=data["region"],
        sectors=data["sectors"],
    )


async def _cancel_open_requests(session: AsyncSession, event: CloudEvent, why: str) -> None:
    """A member out of good standing asks for nothing: its open requests are cancelled, and
    their events written to the outbox in this same transaction (with the inbox row)."""
    cancelled: list[CloudEvent] = []
    await service.cancel_requests_of_member(
        session, cancelled.append, uuid.UUID(event.data["member_id"]), why
    )
    await outbox.write(session, cancelled)


async def on_member_suspended(session: AsyncSession, event: CloudEvent) -> None:
    # A suspension with an end date ends by itself: readers compute the effective status.
    until = event.data.get("until")
    await _update(
        session,
        event,
        status="suspended",
        suspended_until=datetime.fromisoformat(until) if until else None,
    )
    await _cancel_open_requests(session, event, f"The member was suspended: {event.data['reason']}")


async def on_member_reinstated(session: AsyncSession, event: CloudEvent) -> None:
    await _update(session, event, status="active", suspended_until=None)


async def on_member_expelled(session: AsyncSession, event: CloudEvent) -> None:
    await _update(session, event, status="expelled", suspended_until=None)
    await _cancel_open_requests(session, event, f"The member was expelled: {event.data['reason']}")


HANDLERS: dict[str, Handler] = {
    MEMBER_ADMITTED: on_member_admitted,
    MEMBER_UPDATED: on_member_updated,
    MEMBER_SUSPENDED: on_member_suspended,
    MEMBER_REINSTATED: on_member_reinstated,
    MEMBER_EXPELLED: on_member_expelled,
}


def membership_projection(runtime: ServiceRuntime) -> EventConsumer:
    settings = runtime.settings
    assert isinstance(settings, SupplySettings)
    return EventConsumer(
        database=runtime.legacy,
        inbox=inbox,
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id="supply.membership-projection",
        topics=[settings.membership_events_topic],
        handlers=HANDLERS,
    )
