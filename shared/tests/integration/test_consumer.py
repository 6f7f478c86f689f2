"""The consumer with inbox against a real broker: redeliveries change nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from pydantic import BaseModel
from sqlalchemy import insert

from clusterkit.consumer import EventConsumer, Handlers
from clusterkit.events import CloudEvent
from clusterkit.infra.kafka import KafkaBroker
from clusterkit.sql import Query, parameters
from clusterkit.testing import eventually, unique
from clusterkit.unit_of_work import UnitOfWork

from .conftest import Schema, count, things


class Counted(BaseModel):
    n: int


COUNTED = "uz.coppercluster.test.counted.v1"


def event(subject: str, n: int) -> CloudEvent:
    return CloudEvent(type=COUNTED, source="/test", subject=subject, data={"n": n})


async def produce(broker: KafkaBroker, topic: str, *records: CloudEvent | bytes) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap_servers)
    await producer.start()
    try:
        for record in records:
            if isinstance(record, bytes):  # not a CloudEvent at all
                await producer.send_and_wait(topic, record, key=b"junk")
            else:
                await producer.send_and_wait(
                    topic, record.kafka_value(), key=record.key, headers=record.kafka_headers()
                )
    finally:
        await producer.stop()


class Recorder:
    """A handler that inserts a plain row per event (a second apply would violate the key)."""

    def __init__(self, schema: Schema, fail_first: int = 0):
        self.schema = schema
        self.calls = 0
        self.fail_first = fail_first

        self.add = Query(insert(schema.things).values(**parameters(schema.things, ["id", "n"])))

    async def __call__(self, uow: UnitOfWork, event: Counted, envelope: CloudEvent) -> None:
        assert isinstance(event, Counted)  # typed, not a dict
        self.calls += 1
        await uow.execute(self.add, id=envelope.id, n=event.n)
        if self.calls <= self.fail_first:
            raise RuntimeError("handler failed after writing: the write must roll back")


def consumer(
    schema: Schema, broker: KafkaBroker, topic: str, group: str, handler: Recorder
) -> EventConsumer:
    handlers = Handlers()
    handlers.on(COUNTED, Counted)(handler)
    return EventConsumer(
        database=schema.database,
        inbox=schema.inbox,
        bootstrap_servers=broker.bootstrap_servers,
        group_id=group,
        topics=[topic],
        handlers=handlers,
        max_backoff=0.2,
    )


async def run_until(work: EventConsumer, done: Callable[[], Awaitable[bool]]) -> None:
    task = asyncio.create_task(work.run())
    try:
        await eventually(done)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def test_a_redelivered_event_is_applied_once(
    schema: Schema, kafka_broker: KafkaBroker, kafka_topic: str
) -> None:
    first, second = event("a", 1), event("a", 2)
    # The same event twice (a producer retry, a replay) and one other, plus junk.
    off_contract = CloudEvent(type=COUNTED, source="/test", subject="a", data={"n": "many"})
    await produce(
        kafka_broker, kafka_topic, first, first, b"not a cloudevent", off_contract, second
    )
    handler = Recorder(schema)

    async def both_applied() -> bool:
        return len(await things(schema)) == 2

    await run_until(consumer(schema, kafka_broker, kafka_topic, unique("g"), handler), both_applied)
    assert await things(schema) == {first.id: 1, second.id: 2}
    assert handler.calls == 2
    assert await count(schema, schema.inbox.table) == 2


async def test_crash_after_handling_before_the_offset_commit_changes_nothing(
    schema: Schema, kafka_broker: KafkaBroker, kafka_topic: str
) -> None:
    group = unique("g")
    happened = event("b", 7)
    await produce(kafka_broker, kafka_topic, happened)
    handler = Recorder(schema)
    crashed = consumer(schema, kafka_broker, kafka_topic, group, handler)

    # An instance reads the record and applies it, then dies before committing the offset.
    raw = AIOKafkaConsumer(
        kafka_topic,
        bootstrap_servers=kafka_broker.bootstrap_servers,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await raw.start()
    try:
        batches = await raw.getmany(timeout_ms=10_000)
        records = [r for rs in batches.values() for r in rs]
        assert len(records) == 1
        await crashed.handle(records[0])
    finally:
        await raw.stop()  # no commit
    assert handler.calls == 1

    # The group gets the record again; the inbox recognises it.
    restarted = consumer(schema, kafka_broker, kafka_topic, group, handler)

    async def committed() -> bool:
        probe = AIOKafkaConsumer(
            bootstrap_servers=kafka_broker.bootstrap_servers,
            group_id=group,
            enable_auto_commit=False,
        )
        await probe.start()
        try:
            offset = await probe.committed(TopicPartition(kafka_topic, records[0].partition))
        finally:
            await probe.stop()
        return bool(offset == records[0].offset + 1)

    await run_until(restarted, committed)
    assert handler.calls == 1
    assert await things(schema) == {happened.id: 7}


async def test_a_failing_handler_is_retried_and_its_partial_writes_roll_back(
    schema: Schema, kafka_broker: KafkaBroker, kafka_topic: str
) -> None:
    happened = event("c", 3)
    await produce(kafka_broker, kafka_topic, happened)
    handler = Recorder(schema, fail_first=2)

    async def applied() -> bool:
        return bool(await things(schema))

    await run_until(consumer(schema, kafka_broker, kafka_topic, unique("g"), handler), applied)
    assert handler.calls == 3
    assert await things(schema) == {happened.id: 3}


async def test_a_batch_that_fails_part_way_is_rolled_back_and_applied_one_by_one(
    schema: Schema, kafka_broker: KafkaBroker, kafka_topic: str
) -> None:
    """Events are applied a partition batch per transaction; a failure in the middle must
    not leave the first half applied twice or lost."""
    batch = [event("c", n) for n in range(5)]
    await produce(kafka_broker, kafka_topic, *batch)
    handler = Recorder(schema, fail_first=3)  # the batch fails on its third event

    async def all_applied() -> bool:
        return len(await things(schema)) == 5

    await run_until(consumer(schema, kafka_broker, kafka_topic, unique("g"), handler), all_applied)
    assert await things(schema) == {e.id: e.data["n"] for e in batch}
    assert await count(schema, schema.inbox.table) == 5
