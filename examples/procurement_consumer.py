"""A minimal procurement tool reading the supply service's events from Kafka.

    python examples/procurement_consumer.py --bootstrap 127.0.0.1:9092

Standalone on purpose (aiokafka and the standard library only): it reads the events the way
any other team's consumer would, from the published contract (contracts/supply/) and not
from the platform's code. Events are CloudEvents 1.0 in Kafka binary content mode: the
attributes are ``ce_*`` headers, the value is the JSON ``data`` and the key the aggregate id.

It is a consumer group member with auto commit off: an event's offset is committed only
after it was handled, so a crash re-delivers it (handlers must be idempotent; dedupe on
``id`` if that matters). Records that are not CloudEvents are reported and skipped.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

ORDER_PLACED = "uz.coppercluster.supply.order.placed.v1"


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    source: str
    subject: str
    time: str
    data: dict[str, Any]
    requestid: str | None = None


def parse(headers: list[tuple[str, bytes]], value: bytes | None) -> Event:
    """The CloudEvent in a binary-mode record; ``ValueError`` if it is not one."""
    attrs = {name[3:]: raw.decode() for name, raw in headers if name.startswith("ce_")}
    missing = {"specversion", "id", "source", "type"} - attrs.keys()
    if missing or attrs["specversion"] != "1.0":
        raise ValueError(f"not a CloudEvent 1.0 (missing {sorted(missing)})")
    data = json.loads(value or b"{}")
    if not isinstance(data, dict):
        raise ValueError("data is not a JSON object")
    return Event(
        id=attrs["id"],
        type=attrs["type"],
        source=attrs["source"],
        subject=attrs.get("subject", ""),
        time=attrs.get("time", ""),
        data=data,
        requestid=attrs.get("requestid"),
    )


Handler = Callable[[Event], Awaitable[None]]


async def consume(
    bootstrap: str,
    topic: str = "supply.events",
    group: str = "procurement-example",
    handle: Handler | None = None,
    stop_after: int | None = None,
) -> int:
    """Handle the topic's events as member of ``group`` until ``stop_after`` events were
    handled (forever if None); return how many were."""
    handler = handle or print_event
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",  # a new group starts with the topic's history
    )
    await consumer.start()
    handled = 0
    try:
        while stop_after is None or handled < stop_after:
            record = await consumer.getone()
            try:
                event = parse(list(record.headers), record.value)
            except (ValueError, UnicodeDecodeError) as exc:
                print(f"skipped {record.topic}/{record.partition}@{record.offset}: {exc}")
            else:
                await handler(event)
                handled += 1
            # The next offset to read, for this partition only: committed once handled.
            tp = TopicPartition(record.topic, record.partition)
            await consumer.commit({tp: record.offset + 1})
    finally:
        await consumer.stop()
    return handled


async def print_event(event: Event) -> None:
    if event.type == ORDER_PLACED:
        data = event.data
        total = data["total"]
        print(
            f"order {data['order_id']}: {data['member']['legal_name']} buys from "
            f"{data['supplier']['legal_name']} for {total['amount']} {total['currency']} "
            f"({data['total_uzs']} UZS), {len(data['lines'])} line(s), "
            f"needed by {data['needed_by']}"
        )
    else:
        print(f"{event.time} {event.type} {event.subject}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Print the supply service's events.")
    parser.add_argument("--bootstrap", default="127.0.0.1:9092", help="Kafka bootstrap servers")
    parser.add_argument("--topic", default="supply.events")
    parser.add_argument("--group", default="procurement-example", help="consumer group id")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(consume(args.bootstrap, args.topic, args.group))


if __name__ == "__main__":
    main()
