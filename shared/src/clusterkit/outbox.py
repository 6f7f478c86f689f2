"""Transactional outbox: events are rows written in the business transaction, and a relay
publishes them to Kafka afterwards. Kafka being down delays events; it never loses them and
never fails an HTTP write.

Rows are written two ways, both inside the caller's transaction: :meth:`Outbox.write` for
a unit of work's events (one multi-row statement), and :meth:`Outbox.bulk_statement` for a
bulk change that makes its events in SQL from the rows it wrote (the production import:
one statement for 100,000 events instead of 100,000 in Python). An event's ``time`` is the
transaction's ``now()``: the same clock as the rows it describes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
import zlib
from collections.abc import Callable, Sequence
from typing import Any

from aiokafka import AIOKafkaProducer
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    MetaData,
    Table,
    Text,
    Uuid,
    bindparam,
    func,
    insert,
    literal,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql import Select

from clusterkit import metrics, tracing
from clusterkit.database import Database
from clusterkit.events import CloudEvent
from clusterkit.sql import SQL, Query

log = logging.getLogger("clusterkit.outbox")


def outbox_table(metadata: MetaData, version: int = 2) -> Table:
    """The ``outbox`` table in the service's schema. ``position`` gives the publish order.

    ``version`` 1 is the table the services' first migrations created (they must not change
    with this definition); version 2 adds ``traceparent``.
    """
    since_2 = [Column("traceparent", Text)] if version >= 2 else []
    table = Table(
        "outbox",
        metadata,
        Column("position", BigInteger, Identity(always=True), primary_key=True),
        Column("event_id", Uuid, nullable=False, unique=True),
        Column("topic", Text, nullable=False),
        Column("type", Text, nullable=False),
        Column("source", Text, nullable=False),
        Column("subject", Text, nullable=False),
        Column("time", DateTime(timezone=True), nullable=False),
        Column("requestid", Text),
        # W3C trace context of the change that wrote the event (CloudEvents distributed
        # tracing extension): the relay sends it as ``ce_traceparent``.
        *since_2,
        Column("data", JSONB, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True)),
    )
    # The relay only ever reads unpublished rows: keep that index small.
    Index(
        "ix_outbox_unpublished",
        table.c.position,
        postgresql_where=table.c.published_at.is_(None),
    )
    return table


class Outbox:
    """A service's outbox: its table and the topic its events go to."""

    def __init__(self, metadata: MetaData, topic: str):
        self.table = outbox_table(metadata)
        self.topic = topic

        t = self.table
        columns = ("event_id", "type", "source", "subject", "requestid", "traceparent", "data")
        self._write = Query(
            insert(t).values(
                **{name: bindparam(name, type_=t.c[name].type) for name in columns},
                topic=topic,
                time=func.now(),
            )
        )
        self._backlog = Query(
            select(
                func.count().label("count"),
                func.coalesce(
                    func.extract("epoch", func.now() - func.min(t.c.created_at)), 0
                ).label("age"),
            ).where(t.c.published_at.is_(None))
        )

    async def write(self, target: SQL, events: Sequence[CloudEvent]) -> None:
        """Add ``events`` to the outbox inside the caller's transaction (a unit of work's,
        see :class:`clusterkit.unit_of_work.UnitOfWork`)."""
        if not events:
            return
        rows = [
            {
                "event_id": uuid.UUID(e.id),
                "type": e.type,
                "source": e.source,
                "subject": e.subject,
                "requestid": e.requestid,
                "traceparent": e.traceparent,
                "data": e.data,
            }
            for e in events
        ]
        if len(rows) == 1:
            await target.execute(self._write, **rows[0])
        else:  # asyncpg sends them all, then waits once
            await target.execute_many(self._write, rows)

    def bulk_statement(self, events: Select[Any]) -> Any:
        """``INSERT INTO outbox ... SELECT``: the events of a bulk change, made in SQL.

        ``events`` selects the columns ``event_id, type, source, subject, requestid, data``
        (labelled so), one row per event, and may select ``traceparent`` too (the bulk
        change's request's, :func:`clusterkit.tracing.current_traceparent`); ``topic`` and
        ``time`` (the transaction's ``now()``) are added here. Run the result with
        :class:`clusterkit.sql.Query` in the change's own unit of work, like any other
        statement.
        """
        selected = events.subquery("events")
        traced = ["traceparent"] if "traceparent" in selected.c else []
        names = ["event_id", "type", "source", "subject", "requestid", *traced, "data"]
        return insert(self.table).from_select(
            [*names, "topic", "time"],
            select(*(selected.c[name] for name in names), literal(self.topic), func.now()),
        )

    async def backlog(self, database: Database) -> tuple[int, float]:
        """Unpublished rows and the age in seconds of the oldest one."""
        async with database.connection() as connection:
            row = await SQL(connection).one(self._backlog)
        assert row is not None
        return int(row["count"]), float(row["age"])


def _event_from_row(row: Any) -> CloudEvent:
    return CloudEvent(
        type=row["type"],
        source=row["source"],
        subject=row["subject"],
        data=row["data"],
        id=str(row["event_id"]),
        time=row["time"],
        requestid=row["requestid"],
        traceparent=row["traceparent"],
    )


ProducerFactory = Callable[[], AIOKafkaProducer]


def idempotent_producer(bootstrap_servers: str, client_id: str) -> AIOKafkaProducer:
    """The producer every relay uses: idempotent, so ``acks=all`` and no duplicates from its
    own retries, and per-partition order kept across retries."""
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
        request_timeout_ms=10_000,
        retry_backoff_ms=200,
    )


class OutboxRelay:
    """Publishes unpublished outbox rows in batches and marks them published.

    Safe with several instances of a service: each batch is taken under a transaction-level
    advisory lock (one relay publishes at a time, so the order of one aggregate's events
    is the order they were written) and with ``FOR UPDATE SKIP LOCKED`` (a row is never
    handed to two relays). A row is marked published only after Kafka acknowledged the whole
    batch; if anything fails the transaction rolls back and the rows wait for the next try.
    """

    def __init__(
        self,
        database: Database,
        outbox: Outbox,
        producer_factory: ProducerFactory,
        *,
        batch_size: int = 500,
        idle_interval: float = 0.1,
        max_backoff: float = 10.0,
    ):
        self.database = database
        self.outbox = outbox
        self.producer_factory = producer_factory
        self.batch_size = batch_size
        self.idle_interval = idle_interval
        self.max_backoff = max_backoff
        self._producer: AIOKafkaProducer | None = None
        self._stopping = asyncio.Event()
        table = outbox.table
        self._lock_id = zlib.crc32(f"outbox-relay:{table.schema}".encode())
        self._lock = Query(select(func.pg_try_advisory_xact_lock(bindparam("lock_id"))))
        self._take = Query(
            select(table)
            .where(table.c.published_at.is_(None))
            .order_by(table.c.position)
            .limit(batch_size)
            .with_for_update(skip_locked=True)
        )
        self._mark = Query(
            update(table)
            .where(table.c.position == func.any(bindparam("positions")))
            .values(published_at=text("now()"))
        )

    async def _ready_producer(self) -> AIOKafkaProducer:
        if self._producer is None:
            producer = self.producer_factory()
            try:
                await producer.start()
            except BaseException:
                await _stop_quietly(producer)
                raise
            self._producer = producer
        return self._producer

    async def _drop_producer(self) -> None:
        # After a failed batch the producer may hold expired batches and stale sequence
        # numbers; a new producer (new producer id) starts clean.
        producer, self._producer = self._producer, None
        if producer is not None:
            await _stop_quietly(producer)

    async def relay_once(self) -> int:
        """Publish one batch; return how many events were published (0: nothing to do)."""
        t = self.outbox.table
        async with self.database.transaction() as connection:
            sql = SQL(connection)
            if not await sql.value(self._lock, lock_id=self._lock_id):
                return 0
            rows = await sql.fetch(self._take)
            if not rows:
                return 0
            producer = await self._ready_producer()
            sent = []
            for row in rows:
                event = _event_from_row(row)
                # In the event's trace: the Kafka instrumentation's send span joins it.
                with tracing.attached(event.traceparent):
                    sent.append(
                        await producer.send(
                            row["topic"],
                            value=event.kafka_value(),
                            key=event.key,
                            headers=event.kafka_headers(),
                        )
                    )
            await asyncio.gather(*sent)
            await sql.execute(self._mark, positions=[row["position"] for row in rows])
        metrics.OUTBOX_PUBLISHED.labels(t.schema).inc(len(rows))
        return len(rows)

    def stop(self) -> None:
        """Ask :meth:`run` to return once the batch in hand is published and marked (a
        batch cut short would roll back and be sent again by the next relay)."""
        self._stopping.set()

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    async def run(self) -> None:
        """Relay until :meth:`stop` (or cancelled), backing off (up to ``max_backoff`` s)
        while Kafka or Postgres is unavailable."""
        backoff = 0.0
        try:
            while not self._stopping.is_set():
                try:
                    published = await self.relay_once()
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # Kafka or Postgres away: wait, keep the rows
                    await self._drop_producer()
                    backoff = min(self.max_backoff, backoff * 2 if backoff else 0.5)
                    log.warning(
                        "outbox relay failed, retrying",
                        extra={"error": repr(exc), "retry_in_s": backoff},
                    )
                    await self._pause(backoff)
                    continue
                if backoff:
                    log.info("outbox relay recovered")
                    backoff = 0.0
                if published < self.batch_size:
                    await self._pause(self.idle_interval)
        finally:
            await self._drop_producer()


async def _stop_quietly(producer: AIOKafkaProducer) -> None:
    try:
        await asyncio.wait_for(producer.stop(), timeout=5)
    except Exception as exc:  # stopping a producer whose broker is gone may fail; drop it
        log.debug("producer stop failed", extra={"error": repr(exc)})
