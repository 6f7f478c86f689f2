"""Legacy: a session unit of work and the session dependencies, until every service writes
through :mod:`clusterkit.unit_of_work`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from types import TracebackType
from typing import Annotated

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import CommitFailedError
from fastapi import Depends, Request
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clusterkit import metrics
from clusterkit.consumer import Inbox
from clusterkit.context import request_id_var
from clusterkit.db import Database
from clusterkit.events import CloudEvent, InvalidEvent
from clusterkit.outbox import Outbox


class UnitOfWork:
    """Collects a business change and its events; :meth:`commit` writes both atomically.

    Nothing is committed implicitly: leaving the block without ``commit()`` rolls back, so
    an endpoint commits before it answers and a failed commit is an error response, never a
    2xx for lost work.
    """

    session: AsyncSession
    _opened: AbstractAsyncContextManager[AsyncSession]

    def __init__(self, database: Database, outbox: Outbox):
        self._database = database
        self._outbox = outbox
        self._events: list[CloudEvent] = []

    async def __aenter__(self) -> UnitOfWork:
        self._opened = self._database.session()
        self.session = await self._opened.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._events.clear()
        await self._opened.__aexit__(exc_type, exc, tb)  # rolls back what was not committed

    def publish(self, event: CloudEvent) -> None:
        """Queue an event; it reaches the outbox with the next :meth:`commit`."""
        self._events.append(event)

    async def commit(self) -> None:
        await self._outbox.write(self.session, self._events)
        self._events.clear()
        await self.session.commit()


async def _unit_of_work(request: Request) -> AsyncIterator[UnitOfWork]:
    runtime = request.app.state.runtime
    assert runtime.outbox is not None, "this service has no outbox"
    async with UnitOfWork(runtime.legacy, runtime.outbox) as uow:
        yield uow


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.runtime.legacy.session() as session:
        yield session


async def _database(request: Request) -> Database:
    database: Database = request.app.state.runtime.legacy
    return database


async def _reader(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.runtime.legacy.reader() as session:
        yield session


UnitOfWorkDep = Annotated[UnitOfWork, Depends(_unit_of_work)]
SessionDep = Annotated[AsyncSession, Depends(_session)]
ReaderDep = Annotated[AsyncSession, Depends(_reader)]
DatabaseDep = Annotated[Database, Depends(_database)]


log = logging.getLogger("clusterkit.consumer")
SessionHandler = Callable[[AsyncSession, CloudEvent], Awaitable[None]]


class SessionInbox:
    def __init__(self, inbox: Inbox):
        self.table = inbox.table

    async def handle_once(
        self, session: AsyncSession, consumer: str, event: CloudEvent, handler: SessionHandler
    ) -> bool:
        """Run ``handler`` unless ``consumer`` already handled ``event``; True if it ran.
        The caller commits ``session``."""
        claimed = await session.scalar(
            insert(self.table)
            .values(consumer=consumer, event_id=event.id, type=event.type, source=event.source)
            .on_conflict_do_nothing()
            .returning(self.table.c.event_id)
        )
        if claimed is None:
            return False
        await handler(session, event)
        return True


class SessionConsumer:
    """Consumes ``topics`` in consumer group ``group_id`` and calls the handler registered
    for each event's ``type``; other types go to ``fallback`` if given, else are
    acknowledged and ignored.

    A handler that fails is retried with backoff and the partition waits, so one aggregate's
    events are never applied out of order. A record that is not a CloudEvent is logged and
    skipped: it could never succeed.
    """

    def __init__(
        self,
        *,
        database: Database,
        inbox: Inbox,
        bootstrap_servers: str,
        group_id: str,
        topics: Sequence[str],
        handlers: Mapping[str, SessionHandler],
        fallback: SessionHandler | None = None,
        max_backoff: float = 30.0,
    ):
        self.database = database
        self.inbox = SessionInbox(inbox)
        self.bootstrap_servers = bootstrap_servers
        self.group_id = group_id
        self.topics = list(topics)
        self.handlers = dict(handlers)
        self.fallback = fallback
        self.max_backoff = max_backoff

    def _consumer(self) -> AIOKafkaConsumer:
        return AIOKafkaConsumer(
            *self.topics,
            bootstrap_servers=self.bootstrap_servers,
            group_id=self.group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_records=200,
        )

    def _readable(self, record: ConsumerRecord[bytes, bytes]) -> CloudEvent | None:
        """The record's event if this consumer applies it; None (logged) otherwise."""
        try:
            event = CloudEvent.from_kafka(record.headers, record.value)
        except InvalidEvent as exc:
            log.error(
                "skipping a record that is not a CloudEvent",
                extra={
                    "topic": record.topic,
                    "partition": record.partition,
                    "offset": record.offset,
                    "error": str(exc),
                },
            )
            metrics.EVENTS_HANDLED.labels(self.group_id, "invalid", "skipped").inc()
            return None
        if self.handlers.get(event.type, self.fallback) is None:
            metrics.EVENTS_HANDLED.labels(self.group_id, event.type, "ignored").inc()
            return None
        return event

    async def handle_batch(self, records: list[ConsumerRecord[bytes, bytes]]) -> None:
        """Apply a partition's batch in one transaction (one commit instead of one per
        event: the projections keep up with hundreds of events a second); if anything in
        it fails, apply the records one by one so one bad event cannot hold up the rest."""
        events = [e for e in map(self._readable, records) if e is not None]
        if not events:
            return
        outcomes = []
        try:
            async with self.database.session() as session:
                for event in events:
                    token = request_id_var.set(event.requestid)
                    try:
                        handler = self.handlers.get(event.type, self.fallback)
                        assert handler is not None
                        applied = await self.inbox.handle_once(
                            session, self.group_id, event, handler
                        )
                    finally:
                        request_id_var.reset(token)
                    outcomes.append((event.type, "applied" if applied else "duplicate"))
                await session.commit()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning(
                "batch failed, applying its events one by one",
                extra={"group": self.group_id, "events": len(events), "error": repr(exc)},
            )
            for event in events:
                await self.apply(event)
            return
        for type_, outcome in outcomes:
            metrics.EVENTS_HANDLED.labels(self.group_id, type_, outcome).inc()

    async def handle(self, record: ConsumerRecord[bytes, bytes]) -> None:
        """Apply one record, retrying until it is applied or known to be unreadable."""
        event = self._readable(record)
        if event is not None:
            await self.apply(event)

    async def apply(self, event: CloudEvent) -> None:
        """Apply one event in its own transaction, retrying with backoff until it is."""
        handler = self.handlers.get(event.type, self.fallback)
        assert handler is not None
        token = request_id_var.set(event.requestid)
        backoff = 0.0
        try:
            while True:
                try:
                    async with self.database.session() as session:
                        applied = await self.inbox.handle_once(
                            session, self.group_id, event, handler
                        )
                        await session.commit()
                    break
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    backoff = min(self.max_backoff, backoff * 2 if backoff else 0.5)
                    log.exception(
                        "event handler failed, retrying",
                        extra={
                            "event_id": event.id,
                            "type": event.type,
                            "retry_in_s": backoff,
                            "error": repr(exc),
                        },
                    )
                    await asyncio.sleep(backoff)
        finally:
            request_id_var.reset(token)
        outcome = "applied" if applied else "duplicate"
        metrics.EVENTS_HANDLED.labels(self.group_id, event.type, outcome).inc()

    async def _commit(self, consumer: AIOKafkaConsumer, tp: TopicPartition, offset: int) -> None:
        try:
            await consumer.commit({tp: offset})
        except CommitFailedError as exc:
            # The partition moved to another instance during a rebalance; it will redeliver
            # from the last committed offset and the inbox skips what was already applied.
            log.warning("offset commit failed", extra={"topic": tp.topic, "error": str(exc)})

    def _record_lag(self, consumer: AIOKafkaConsumer, tp: TopicPartition, position: int) -> None:
        highwater = consumer.highwater(tp)
        if highwater is not None:
            metrics.CONSUMER_LAG.labels(self.group_id, tp.topic, str(tp.partition)).set(
                max(0, highwater - position)
            )

    async def run(self) -> None:
        """Consume until cancelled; reconnects with backoff while Kafka is unavailable."""
        backoff = 0.0
        while True:
            consumer = self._consumer()
            try:
                await consumer.start()
                backoff = 0.0
                log.info("consumer started", extra={"group": self.group_id, "topics": self.topics})
                while True:
                    batches = await consumer.getmany(timeout_ms=500)
                    for tp, records in batches.items():
                        await self.handle_batch(records)
                        await self._commit(consumer, tp, records[-1].offset + 1)
                        self._record_lag(consumer, tp, records[-1].offset + 1)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                backoff = min(self.max_backoff, backoff * 2 if backoff else 1.0)
                log.warning(
                    "consumer failed, restarting",
                    extra={"group": self.group_id, "error": repr(exc), "retry_in_s": backoff},
                )
                await asyncio.sleep(backoff)
            finally:
                try:
                    await asyncio.wait_for(consumer.stop(), timeout=5)
                except Exception as exc:
                    log.debug("consumer stop failed", extra={"error": repr(exc)})
