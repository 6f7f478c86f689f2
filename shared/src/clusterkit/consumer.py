"""Kafka consumer with an inbox: a redelivered event changes nothing.

A consumer registers its handlers by event type and the model its data is read into
(:class:`Handlers`); a handler gets a unit of work and the typed event, so it writes and
publishes the way an endpoint does. For each record the handler's effects, its events and
the event's id in the ``inbox`` table commit in one transaction; the offset is committed to
Kafka only afterwards. A crash between the two means the record comes again, finds its id
in the inbox and is skipped.

Each event is handled in a consumer span that is a *child* of the event's ``traceparent``
(the span that made it), not a new trace linked to it: an event here is the continuation of
one request's change (an application admitted, then projected by production and supply, then
delivered to a webhook), and one trace holding the whole path is what a reader looks for.
A link would suit a span standing for many traces at once; a partition's batch is applied in
one transaction, but each event keeps its own span in its own trace.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import CommitFailedError
from opentelemetry.trace import SpanKind
from pydantic import BaseModel, ValidationError
from sqlalchemy import (
    Column,
    DateTime,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    bindparam,
    func,
)
from sqlalchemy.dialects.postgresql import insert

from clusterkit import metrics, tracing
from clusterkit.auth import Caller
from clusterkit.context import request_id_var
from clusterkit.database import Database
from clusterkit.events import CloudEvent, InvalidEvent
from clusterkit.outbox import Outbox
from clusterkit.sql import Query
from clusterkit.unit_of_work import UnitOfWork

log = logging.getLogger("clusterkit.consumer")

ModelT = TypeVar("ModelT", bound=BaseModel)
# A handler of one type: the unit of work, the event's data read into its model, and the
# envelope (id, time, subject).
TypedHandler = Callable[[UnitOfWork, ModelT, CloudEvent], Awaitable[None]]
# A handler of every type (the gateway's feed): the envelope only.
AnyHandler = Callable[[UnitOfWork, CloudEvent], Awaitable[None]]


@dataclass(frozen=True)
class _Registered:
    model: type[BaseModel] | None
    handler: Callable[..., Awaitable[None]]


class Handlers:
    """The event types a consumer applies, each with its model and handler::

    handlers = Handlers()

    @handlers.on(MEMBER_ADMITTED, MemberAdmitted)
    async def admitted(uow: UnitOfWork, event: MemberAdmitted, envelope: CloudEvent): ...
    """

    def __init__(self) -> None:
        self._by_type: dict[str, _Registered] = {}
        self._any: _Registered | None = None

    def on(
        self, type_: str, model: type[ModelT]
    ) -> Callable[[TypedHandler[ModelT]], TypedHandler[ModelT]]:
        def register(handler: TypedHandler[ModelT]) -> TypedHandler[ModelT]:
            if type_ in self._by_type:
                raise ValueError(f"{type_} has a handler already")
            self._by_type[type_] = _Registered(model, handler)
            return handler

        return register

    def any(self, handler: AnyHandler) -> AnyHandler:
        """Handle every type no ``on`` names, as the bare envelope."""
        self._any = _Registered(None, handler)
        return handler

    def include(self, other: Handlers) -> None:
        """Add another set's handlers (a mounted projection's) to these."""
        for type_, registered in other._by_type.items():
            if type_ in self._by_type:
                raise ValueError(f"{type_} has a handler already")
            self._by_type[type_] = registered

    @property
    def types(self) -> frozenset[str]:
        return frozenset(self._by_type)

    def handles(self, type_: str) -> bool:
        return type_ in self._by_type or self._any is not None

    def read(self, event: CloudEvent) -> Any:
        """The event's data in its model (raises ``ValidationError``)."""
        registered = self._by_type.get(event.type, self._any)
        assert registered is not None
        if registered.model is None:
            return None
        return registered.model.model_validate(event.data)

    async def apply(self, uow: UnitOfWork, event: CloudEvent, data: Any) -> None:
        registered = self._by_type.get(event.type, self._any)
        assert registered is not None
        if registered.model is None:
            await registered.handler(uow, event)
        else:
            await registered.handler(uow, data, event)


def inbox_table(metadata: MetaData) -> Table:
    """The ``inbox`` table in the service's schema: events already handled, per consumer."""
    return Table(
        "inbox",
        metadata,
        Column("consumer", Text, nullable=False),
        Column("event_id", Text, nullable=False),
        Column("type", Text, nullable=False),
        Column("source", Text, nullable=False),
        Column("handled_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        PrimaryKeyConstraint("consumer", "event_id"),
    )


class Inbox:
    def __init__(self, metadata: MetaData):
        self.table = inbox_table(metadata)
        t = self.table
        self._claim = Query(
            insert(t)
            .values(
                consumer=bindparam("consumer", type_=Text()),
                event_id=bindparam("event_id", type_=Text()),
                type=bindparam("type", type_=Text()),
                source=bindparam("source", type_=Text()),
            )
            .on_conflict_do_nothing()
            .returning(t.c.event_id)
        )

    async def claim(self, uow: UnitOfWork, consumer: str, event: CloudEvent) -> bool:
        """Record that ``consumer`` handles ``event`` in this transaction; False if it
        already did (a redelivery)."""
        claimed = await uow.value(
            self._claim, consumer=consumer, event_id=event.id, type=event.type, source=event.source
        )
        return claimed is not None


class EventConsumer:
    """Consumes ``topics`` in consumer group ``group_id`` and calls the handler registered
    for each event's ``type``; other types are acknowledged and ignored (unless a handler of
    every type is registered).

    A handler that fails is retried with backoff and the partition waits, so one aggregate's
    events are never applied out of order. A record that is not a CloudEvent, or whose data
    does not fit its contract's model, is logged and skipped: it could never succeed.
    """

    def __init__(
        self,
        *,
        database: Database,
        inbox: Inbox,
        bootstrap_servers: str,
        group_id: str,
        topics: Sequence[str],
        handlers: Handlers,
        outbox: Outbox | None = None,
        max_backoff: float = 30.0,
    ):
        self.database = database
        self.inbox = inbox
        self.bootstrap_servers = bootstrap_servers
        self.group_id = group_id
        self.topics = list(topics)
        self.handlers = handlers
        self.outbox = outbox  # where the events a handler publishes go
        self.max_backoff = max_backoff
        # Who a handler's changes are recorded as made by: this consumer, for the platform.
        self.caller = Caller(role="admin", key_id=f"consumer:{group_id}")
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        """Ask :meth:`run` to return after the batch in hand is applied and its offsets
        committed; it then stops the Kafka consumer, which leaves the group, so the
        partitions move to the other instances at once instead of after the session
        timeout."""
        self._stopping.set()

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
        if not self.handlers.handles(event.type):
            metrics.EVENTS_HANDLED.labels(self.group_id, event.type, "ignored").inc()
            return None
        try:
            self.handlers.read(event)
        except ValidationError as exc:
            log.error(
                "skipping an event whose data does not fit its contract",
                extra={"event_id": event.id, "type": event.type, "error": str(exc)[:500]},
            )
            metrics.EVENTS_HANDLED.labels(self.group_id, event.type, "skipped").inc()
            return None
        return event

    async def _handle_once(self, uow: UnitOfWork, event: CloudEvent) -> bool:
        """Run the event's handler unless this consumer already did; True if it ran. In a
        consumer span of the event's trace: what the handler publishes carries it on."""
        with tracing.continued(
            f"process {event.type}",
            event.traceparent,
            kind=SpanKind.CONSUMER,
            attributes={
                "messaging.system": "kafka",
                "messaging.operation.type": "process",
                "messaging.consumer.group.name": self.group_id,
                "messaging.message.id": event.id,
                "cloudevents.event_type": event.type,
            },
        ):
            if not await self.inbox.claim(uow, self.group_id, event):
                return False
            await self.handlers.apply(uow, event, self.handlers.read(event))
            return True

    def _unit_of_work(self, connection: Any) -> UnitOfWork:
        return UnitOfWork(connection, caller=self.caller, outbox=self.outbox)

    async def handle_batch(self, records: list[ConsumerRecord[bytes, bytes]]) -> None:
        """Apply a partition's batch in one transaction (one commit instead of one per
        event: the projections keep up with hundreds of events a second); if anything in
        it fails, apply the records one by one so one bad event cannot hold up the rest."""
        events = [e for e in map(self._readable, records) if e is not None]
        if not events:
            return
        outcomes = []
        try:
            async with self.database.transaction() as connection:
                uow = self._unit_of_work(connection)
                for event in events:
                    token = request_id_var.set(event.requestid)
                    try:
                        applied = await self._handle_once(uow, event)
                    finally:
                        request_id_var.reset(token)
                    outcomes.append((event.type, "applied" if applied else "duplicate"))
                await uow.flush()
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
        token = request_id_var.set(event.requestid)
        backoff = 0.0
        try:
            while True:
                try:
                    async with self.database.transaction() as connection:
                        uow = self._unit_of_work(connection)
                        applied = await self._handle_once(uow, event)
                        await uow.flush()
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
        """Consume until :meth:`stop` (or cancelled); reconnects with backoff while Kafka is
        unavailable."""
        backoff = 0.0
        while not self._stopping.is_set():
            consumer = self._consumer()
            try:
                await consumer.start()
                backoff = 0.0
                log.info("consumer started", extra={"group": self.group_id, "topics": self.topics})
                while not self._stopping.is_set():
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
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), backoff)
            finally:
                try:
                    # With a group, aiokafka's stop leaves it (LeaveGroup).
                    await asyncio.wait_for(consumer.stop(), timeout=5)
                except Exception as exc:
                    log.debug("consumer stop failed", extra={"error": repr(exc)})
        log.info("consumer stopped", extra={"group": self.group_id})
