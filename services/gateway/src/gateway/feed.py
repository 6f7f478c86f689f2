"""The event feed: the gateway copies every event of the platform's topics into its own
schema, in order, once; clients read it with a cursor (``/api/v1/events``) or receive it by
webhook. Who reads what: admin everything, procurement ``supply.*``, a member or supplier
the events that name its organisation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import ColumnElement, false, func, insert, literal, or_, select, text, true
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession

from clusterkit.app import ServiceRuntime
from clusterkit.auth import Caller
from clusterkit.events import CloudEvent
from clusterkit.legacy import SessionConsumer as EventConsumer
from gateway.models import events, inbox, webhook_deliveries, webhooks
from gateway.settings import GatewaySettings

PREFIX = "uz.coppercluster."
SUPPLY = f"{PREFIX}supply."
# Taken by every writer of the feed, held to commit: positions are then committed in the
# order they are given out, whatever the number of gateway instances.
FEED_LOCK = 0x636F_7070_6572  # "copper"
# Payload fields that name an organisation the event is about.
PARTY_FIELDS = ("member_id", "organisation_id", "supplier_id")


def full_type(prefix: str) -> str:
    """``supply.order`` and ``uz.coppercluster.supply.order`` name the same types."""
    return prefix if prefix.startswith(PREFIX) else PREFIX + prefix


def parties(data: Mapping[str, Any]) -> list[str]:
    def found(value: Mapping[str, Any]) -> Iterator[str]:
        for name in PARTY_FIELDS:
            if isinstance(value.get(name), str):
                yield value[name]
        for name in ("member", "supplier"):
            nested = value.get(name)
            if isinstance(nested, Mapping) and isinstance(nested.get("id"), str):
                yield nested["id"]

    return sorted(set(found(data)))


def readable_by(caller: Caller) -> ColumnElement[bool]:
    """The feed rows ``caller`` may read, as a WHERE clause."""
    if caller.is_admin:
        return true()
    if caller.role == "procurement":
        return events.c.type.startswith(SUPPLY)
    if caller.role in ("member", "supplier") and caller.organisation_id:
        return events.c.parties.contains([caller.organisation_id])
    return false()


def matches(prefixes: list[str], type_column: Any) -> ColumnElement[bool]:
    """``type_column`` starts with one of ``prefixes`` (none: every type)."""
    if not prefixes:
        return true()
    return or_(*(type_column.startswith(full_type(p)) for p in prefixes))


async def store_event(session: AsyncSession, event: CloudEvent) -> None:
    """Append one event to the feed and queue it for every subscription that wants it
    (also those disabled now: they get it once enabled again)."""
    await session.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": FEED_LOCK})
    position = await session.scalar(
        upsert(events)
        .values(
            event_id=event.id,
            topic=f"{event.source.rsplit('/', 1)[-1]}.events",
            type=event.type,
            source=event.source,
            subject=event.subject,
            time=event.time,
            requestid=event.requestid,
            data=dict(event.data),
            parties=parties(event.data),
        )
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(events.c.position)
    )
    if position is None:
        return  # already in the feed
    w = webhooks.c
    wanted = select(
        w.id, literal(position), literal(event.subject), literal("pending"), func.now()
    ).where(
        or_(
            func.cardinality(w.event_types) == 0,
            text(
                "EXISTS (SELECT 1 FROM unnest(gateway.webhooks.event_types) AS p "
                "WHERE starts_with(:type, p))"
            ).bindparams(type=event.type),
        ),
        or_(w.owner_role == "admin", literal(event.type.startswith(SUPPLY))),
    )
    await session.execute(
        insert(webhook_deliveries).from_select(
            ["webhook_id", "event_position", "subject", "status", "next_attempt_at"], wanted
        )
    )


def feed_consumer(runtime: ServiceRuntime) -> EventConsumer:
    settings = runtime.settings
    assert isinstance(settings, GatewaySettings)
    return EventConsumer(
        database=runtime.legacy,
        inbox=inbox,
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id="gateway.event-feed",
        topics=settings.event_topics,
        handlers={},
        fallback=store_event,
    )
