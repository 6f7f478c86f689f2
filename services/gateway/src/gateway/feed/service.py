"""Storing each event of the platform once, in order, and reading the feed on from a cursor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from starlette.responses import Response

from clusterkit.app import ServiceRuntime
from clusterkit.auth import Caller
from clusterkit.consumer import EventConsumer, Handlers
from clusterkit.events import CloudEvent
from clusterkit.listing import page_response
from clusterkit.pagination import encode_cursor
from clusterkit.sql import SQL
from clusterkit.unit_of_work import UnitOfWork
from gateway.feed import queries
from gateway.feed.rules import parties, readable_by, topic_of, type_prefixes
from gateway.settings import GatewaySettings
from gateway.tables import inbox

GROUP_ID = "gateway.event-feed"


async def store_event(uow: UnitOfWork, envelope: CloudEvent) -> None:
    """Append one event to the feed and queue it for every subscription that wants it; an
    event already in the feed changes nothing."""
    await uow.execute(
        queries.STORE,
        lock=queries.FEED_LOCK,
        event_id=UUID(envelope.id),
        topic=topic_of(envelope.source),
        type=envelope.type,
        source=envelope.source,
        subject=envelope.subject,
        time=envelope.time,
        requestid=envelope.requestid,
        traceparent=envelope.traceparent,
        data=dict(envelope.data),
        parties=parties(envelope.data),
    )


async def feed_page(
    read: SQL, caller: Caller, *, types: str | None, limit: int, cursor: str | None
) -> Response:
    """The events after ``cursor`` that ``caller`` may read; the next cursor is always
    given (the same one when nothing new came)."""
    rows, _ = await queries.FEED.rows(
        read,
        limit=limit,
        cursor=cursor,
        types=type_prefixes(types),
        **readable_by(caller),
    )
    last = encode_cursor(rows[-1]["position"]) if rows else cursor
    return page_response([queries.feed_event(row) for row in rows], last or encode_cursor(0))


def every_event_consumer(
    runtime: ServiceRuntime, group_id: str, handle: Callable[[UnitOfWork, CloudEvent], Any]
) -> EventConsumer:
    """A consumer group of the gateway's over every configured topic (its own included),
    each event handled by ``handle``: the feed's and the notifier's."""
    settings = runtime.settings
    assert isinstance(settings, GatewaySettings)
    handlers = Handlers()
    handlers.any(handle)
    return EventConsumer(
        database=runtime.database,
        inbox=inbox,
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=group_id,
        topics=settings.event_topics,
        handlers=handlers,
    )


def feed_consumer(runtime: ServiceRuntime) -> EventConsumer:
    """Every event of the configured topics (the gateway's own included) into the feed."""
    return every_event_consumer(runtime, GROUP_ID, store_event)
