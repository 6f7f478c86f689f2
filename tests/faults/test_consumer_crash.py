"""A consumer that dies after its handler committed but before its offset commit: the
group delivers those records again, and the inbox makes the redelivery change nothing.

The real ``EventConsumer.run`` loop with production's member projection, against the real
broker and database of the run."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections import Counter

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from sqlalchemy import Uuid, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY

from clusterkit.consumer import EventConsumer, Handlers
from clusterkit.database import Database
from clusterkit.events import CloudEvent
from clusterkit.infra.kafka import KafkaBroker
from clusterkit.member_projection import MEMBER_ADMITTED, MemberAdmitted, MemberProjection
from clusterkit.sql import SQL, Query
from clusterkit.testing import TestDatabase, eventually, unique
from clusterkit.unit_of_work import UnitOfWork
from production.tables import inbox, organisations


class Crash(BaseException):
    """The process dying: not an ``Exception``, so nothing in the consumer catches it."""


def admitted() -> CloudEvent:
    member = str(uuid.uuid4())
    data = {
        "member_id": member,
        "legal_name": f"Crash Test {member[:8]} LLC",
        "stir": str(random.randrange(10**8, 10**9)),
        "region": "UZ-TO",
        "sectors": ["cable_wire"],
    }
    return CloudEvent(
        type=MEMBER_ADMITTED, source="/coppercluster/membership", subject=member, data=data
    )


async def committed(bootstrap: str, group: str, ends: dict[TopicPartition, int]) -> bool:
    """The group's committed offsets have reached ``ends``."""
    probe = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await probe.start()
    try:
        return [await probe.committed(tp) for tp in ends] == list(ends.values())
    finally:
        await probe.stop()


async def test_a_consumer_killed_before_its_offset_commit_applies_nothing_twice(
    platform_database: TestDatabase,
    kafka_broker: KafkaBroker,
    kafka_topic: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events = [admitted() for _ in range(6)]
    producer = AIOKafkaProducer(bootstrap_servers=kafka_broker.bootstrap_servers)
    await producer.start()
    ends: dict[TopicPartition, int] = {}  # the offset after each partition's last record
    try:
        for e in events:
            sent = await producer.send_and_wait(
                kafka_topic, e.kafka_value(), key=e.key, headers=e.kafka_headers()
            )
            ends[TopicPartition(kafka_topic, sent.partition)] = sent.offset + 1
    finally:
        await producer.stop()

    calls: Counter[str] = Counter()

    projection = MemberProjection(organisations, admitted_values={"kind": "member"})
    handlers = Handlers()

    @handlers.on(MEMBER_ADMITTED, MemberAdmitted)
    async def counted(uow: UnitOfWork, event: MemberAdmitted, envelope: CloudEvent) -> None:
        calls[envelope.id] += 1
        await projection.handlers.apply(uow, envelope, event)

    database = Database(platform_database.url("production"), pool_size=2)
    group = unique("projection")

    def consumer() -> EventConsumer:
        return EventConsumer(
            database=database,
            inbox=inbox,
            bootstrap_servers=kafka_broker.bootstrap_servers,
            group_id=group,
            topics=[kafka_topic],
            handlers=handlers,
            max_backoff=0.5,
        )

    try:
        # 1. The first instance applies its first batch, then dies at the offset commit.
        first = consumer()

        async def die(*_: object) -> None:
            raise Crash

        monkeypatch.setattr(first, "_commit", die)
        with pytest.raises(Crash):
            await asyncio.wait_for(first.run(), timeout=30)
        applied_before = set(calls)
        assert applied_before, "the first instance should have applied a batch"

        # 2. A fresh instance in the same group gets those records again, and the rest.
        second = consumer()
        redelivered: set[str] = set()
        handle_batch = second.handle_batch

        async def seen(records: list[ConsumerRecord[bytes, bytes]]) -> None:
            for record in records:
                redelivered.add(CloudEvent.from_kafka(record.headers, record.value).id)
            await handle_batch(records)

        monkeypatch.setattr(second, "handle_batch", seen)
        task = asyncio.create_task(second.run())
        try:
            await eventually(
                lambda: committed(kafka_broker.bootstrap_servers, group, ends),
                within=30,
                every=0.5,
            )
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

        # The redelivery changed nothing: each event applied once, one row per member.
        members = [e.subject for e in events]
        o, i = organisations.c, inbox.table.c
        async with database.connection() as connection:
            sql = SQL(connection)
            ids = bindparam("ids", type_=ARRAY(Uuid))
            rows = await sql.value(
                Query(select(func.count()).select_from(organisations).where(o.id == func.any(ids))),
                ids=[uuid.UUID(member) for member in members],
            )
            handled = await sql.value(
                Query(select(func.count()).select_from(inbox.table).where(i.consumer == group))
            )
    finally:
        await database.dispose()
    assert applied_before <= redelivered
    assert calls == Counter({e.id: 1 for e in events})
    assert rows == len(events)
    assert handled == len(events)
