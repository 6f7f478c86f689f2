"""The ``events`` section of ``./dev bench``, on the platform ``bench/run.py`` started.

Latency: ``member.updated.v1`` events (restating members' current registry data) committed
to membership's outbox at a steady rate, one transaction each, as ``Outbox.write`` rows;
published by the running membership service's relay, applied by the supply and production
services' consumers. Latency = first poll (every 10 ms) that finds the event's time in the
projection's ``updated_at`` - return of the event's COMMIT. Run once at a light rate (the
reference) and once at the target rate.

Drain: a backlog of N rows in a scratch outbox (``clusterkit.outbox.Outbox`` in schema
``bench_events``, filled by COPY), drained by the project's ``OutboxRelay`` with
``idempotent_producer`` to a scratch topic, from ``run()`` until no row is unpublished;
next to that same producer sending the same records straight to a second scratch topic
(``send()`` per record, one final flush). Both topics are then counted (end offsets).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
import uuid
from collections import deque
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import asyncpg
import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy.ext.asyncio import create_async_engine

from clusterkit.database import Database
from clusterkit.events import CloudEvent
from clusterkit.kafka import ensure_topics
from clusterkit.outbox import Outbox, OutboxRelay, idempotent_producer
from clusterkit.sql import service_metadata
from devstack import DATABASE, TOPIC_PARTITIONS, Stack
from membership.events import MEMBER_UPDATED, MemberUpdated, contracts
from membership.tables import outbox as membership_outbox

SCRATCH_SCHEMA = "bench_events"
RELAY_TOPIC = "bench.events.relay"
BARE_TOPIC = "bench.events.bare"
DRAIN_TARGET_PER_S = 5_000
P99_TARGET_MS = 250.0
POLL_S = 0.01  # latency resolution: the projections are polled every 10 ms

# The projections of membership's members: each keeps the ``time`` of the last event it
# applied to a member in ``updated_at``. One member's events are applied in order (one key,
# one partition, one consumer), so ``updated_at >= t`` means every event up to ``t`` is in.
PROJECTIONS = {"supply": "supply.members", "production": "production.organisations"}
PROJECTED = " UNION ALL ".join(
    f"SELECT '{name}' AS projection, id, updated_at FROM {table} "  # noqa: S608 (fixed names)
    "WHERE id = ANY($1::uuid[])"
    for name, table in PROJECTIONS.items()
)


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def admin_url(stack: Stack) -> str:
    """The superuser on the platform's database (the scratch schema is nobody's)."""
    return stack.postgres.url("postgres", stack.postgres.password, DATABASE)


async def admin_connection(stack: Stack) -> asyncpg.Connection:
    return await asyncpg.connect(stack.postgres.admin_dsn, database=DATABASE)


async def wait_for_quiet(admin: asyncpg.Connection, limit_s: float = 300.0) -> float:
    """Wait until the platform has no work left from what ran before: every service's outbox
    published, and the gateway's notices and due webhook deliveries sent. A create run leaves
    thousands of each (an application's notice mail takes ~15 ms to send), and a measurement
    that shares the 2 cores with them measures them too; seconds waited."""
    unpublished = " + ".join(
        f"(SELECT count(*) FROM {s}.outbox WHERE published_at IS NULL)"  # noqa: S608
        for s in ("membership", "production", "supply")
    )
    pending = (
        "(SELECT count(*) FROM gateway.notices WHERE status IN ('pending', 'sending')) + "
        "(SELECT count(*) FROM gateway.webhook_deliveries WHERE status = 'pending' "
        "AND next_attempt_at <= now())"
    )
    started = time.perf_counter()
    while await admin.fetchval(f"SELECT {unpublished} + {pending}"):
        if time.perf_counter() - started > limit_s:
            raise TimeoutError("the platform is still working off what ran before")
        await asyncio.sleep(0.5)
    return time.perf_counter() - started


# -- end-to-end latency ----------------------------------------------------------------------
OUTBOX_COLUMNS = ("event_id", "topic", "type", "source", "subject", "time", "requestid", "data")
INSERT_OUTBOX = (
    f"INSERT INTO membership.outbox ({', '.join(OUTBOX_COLUMNS)}) "  # noqa: S608 (fixed names)
    f"VALUES ({', '.join(f'${n}' for n in range(1, len(OUTBOX_COLUMNS) + 1))})"
)


def outbox_record(outbox: Outbox, event: CloudEvent) -> tuple[Any, ...]:
    """``event`` as the outbox row ``Outbox.write`` inserts (asyncpg types)."""
    row = {
        "event_id": uuid.UUID(event.id),
        "topic": outbox.topic,
        "type": event.type,
        "source": event.source,
        "subject": event.subject,
        "time": event.time,
        "requestid": event.requestid,
        "data": orjson.dumps(event.data).decode(),
    }
    return tuple(row[c] for c in OUTBOX_COLUMNS)


async def bench_latency(
    stack: Stack, admin: asyncpg.Connection, *, rate: float, seconds: float, tail_s: float = 30.0
) -> dict[str, Any]:
    """``rate`` events/s for ``seconds``, then up to ``tail_s`` for the last ones to land."""
    # Members known to membership and to both projections; the events restate their current
    # registry data (nothing changes, but every event goes the whole way and is applied).
    members = await admin.fetch(
        """SELECT m.id, m.legal_name, m.region, m.sectors, m.version
           FROM membership.members m
           JOIN supply.members s ON s.id = m.id
           JOIN production.organisations o ON o.id = m.id
           WHERE m.expelled_at IS NULL ORDER BY m.id"""
    )
    if not members:
        raise RuntimeError("no member in both projections (demo data missing?)")
    total = round(rate * seconds)
    # Written as membership's role, one transaction per event, with asyncpg rather than a
    # SQLAlchemy session: the load generator shares the 2 cores with what it measures.
    pool = await asyncpg.create_pool(
        stack.database_url("membership").replace("postgresql+asyncpg", "postgresql"),
        min_size=4,
        max_size=8,
    )
    committed: dict[str, float] = {}
    seen: dict[str, dict[str, float]] = {name: {} for name in PROJECTIONS}
    # per projection and member: (time, event id) of the committed events not seen yet
    waiting = {name: {m["id"]: deque[tuple[datetime, str]]() for m in members} for name in seen}
    # one member's events commit in the order of their times (one writer at a time)
    turns = {m["id"]: asyncio.Lock() for m in members}
    writes_done = asyncio.Event()

    async def write(i: int) -> None:
        member = members[i % len(members)]
        async with turns[member["id"]]:
            event = contracts.event(
                MEMBER_UPDATED,
                MemberUpdated(
                    member_id=member["id"],
                    legal_name=member["legal_name"],
                    region=member["region"],
                    sectors=list(member["sectors"]),
                    changed=[],
                    version=member["version"],
                    occurred_at=datetime.now(UTC),
                ),
            )
            await pool.execute(INSERT_OUTBOX, *outbox_record(membership_outbox, event))
            committed[event.id] = time.perf_counter()  # the COMMIT (autocommit) returned
            for queues in waiting.values():
                queues[member["id"]].append((event.time, event.id))

    async def poll() -> None:
        ids = list(turns)
        while not writes_done.is_set() or any(q for w in waiting.values() for q in w.values()):
            rows = await admin.fetch(PROJECTED, ids)
            now = time.perf_counter()
            for row in rows:
                queue = waiting[row["projection"]][row["id"]]
                while queue and queue[0][0] <= row["updated_at"]:
                    seen[row["projection"]][queue.popleft()[1]] = now
            await asyncio.sleep(POLL_S)

    poller = asyncio.create_task(poll())
    writers: list[asyncio.Task[None]] = []
    began = time.perf_counter()
    try:
        for i in range(total):
            # Paced, not bursty: one write task per tick, whatever the previous one takes.
            await asyncio.sleep(max(0.0, began + i / rate - time.perf_counter()))
            writers.append(asyncio.create_task(write(i)))
        await asyncio.gather(*writers)
        wrote_for = time.perf_counter() - began
        writes_done.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(poller), timeout=tail_s)
    finally:
        poller.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await poller
        await pool.close()

    projections: dict[str, dict[str, Any]] = {}
    for name, times in seen.items():
        latencies = sorted((times[e] - committed[e]) * 1000 for e in committed if e in times)
        applied = sorted(times.values())
        projections[name] = {
            "events": len(latencies),
            "missing": total - len(latencies),
            "p50_ms": round(percentile(latencies, 50), 1) if latencies else None,
            "p95_ms": round(percentile(latencies, 95), 1) if latencies else None,
            "p99_ms": round(percentile(latencies, 99), 1) if latencies else None,
            "max_ms": round(latencies[-1], 1) if latencies else None,
            # below the offered rate: the projection cannot keep up and latency only grows
            "applied_per_s": (
                round((len(applied) - 1) / (applied[-1] - applied[0]), 1)
                if len(applied) > 1 and applied[-1] > applied[0]
                else None
            ),
        }
    ok = all(
        p["missing"] == 0 and p["p99_ms"] is not None and p["p99_ms"] <= P99_TARGET_MS
        for p in projections.values()
    )
    return {
        "rate_per_s": rate,
        "seconds": seconds,
        "events": total,
        "members": len(members),
        "achieved_rate_per_s": round(total / wrote_for, 1),
        "poll_interval_ms": POLL_S * 1000,
        "projections": projections,
        "target_p99_ms": P99_TARGET_MS,
        "pass": ok,
    }


# -- outbox relay drain vs a bare producer ---------------------------------------------------
def backlog_events(rows: int) -> list[CloudEvent]:
    """``rows`` member.updated events over 1,000 members (keys), shaped like real ones."""
    member_ids = [uuid.UUID(int=0x0B0E_0000_0000_4000_8000_0000_0000_0000 + n) for n in range(1000)]
    now = datetime.now(UTC)
    events = []
    for i in range(rows):
        member_id = str(member_ids[i % len(member_ids)])
        events.append(
            CloudEvent(
                type=MEMBER_UPDATED,
                source=contracts.source,
                subject=member_id,
                data={
                    "member_id": member_id,
                    "legal_name": f"Bench Copper Works {i % 1000:04d} LLC",
                    "region": "UZ-TO",
                    "sectors": ["cable_wire", "fittings"],
                    "changed": ["sectors"],
                    "version": 2 + i // 1000,
                    "occurred_at": now.isoformat(),
                },
                time=now,
                requestid=f"bench-{i:06d}",
            )
        )
    return events


async def topic_messages(bootstrap: str, topic: str) -> int:
    """Sum of the topic's end offsets: messages ever written to it."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in range(TOPIC_PARTITIONS)]
        offsets = await consumer.end_offsets(partitions)
        return sum(offsets.values())
    finally:
        await consumer.stop()


async def bench_drain(stack: Stack, admin: asyncpg.Connection, rows: int) -> dict[str, Any]:
    bootstrap = stack.kafka_bootstrap
    await ensure_topics(bootstrap, [RELAY_TOPIC, BARE_TOPIC], partitions=TOPIC_PARTITIONS)
    relay_before = await topic_messages(bootstrap, RELAY_TOPIC)
    bare_before = await topic_messages(bootstrap, BARE_TOPIC)
    await admin.execute(f"DROP SCHEMA IF EXISTS {SCRATCH_SCHEMA} CASCADE")
    await admin.execute(f"CREATE SCHEMA {SCRATCH_SCHEMA}")
    metadata = service_metadata(SCRATCH_SCHEMA)
    scratch = Outbox(metadata, topic=RELAY_TOPIC)
    database = Database(admin_url(stack))
    try:
        engine = create_async_engine(admin_url(stack))  # the DDL, as a migration makes it
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
        await engine.dispose()

        events = backlog_events(rows)
        records = [outbox_record(scratch, event) for event in events]
        began = time.perf_counter()
        await admin.copy_records_to_table(
            "outbox", schema_name=SCRATCH_SCHEMA, columns=OUTBOX_COLUMNS, records=records
        )
        # A real outbox table has statistics (autovacuum); this one is a minute old.
        await admin.execute(f"ANALYZE {SCRATCH_SCHEMA}.outbox")
        fill_seconds = time.perf_counter() - began

        # Relay: from run() until no row is unpublished. The cheap check first (the relay
        # goes in position order, so the last row goes last), then a full count to be sure.
        relay = OutboxRelay(
            database, scratch, lambda: idempotent_producer(bootstrap, "bench-relay")
        )
        table = f"{SCRATCH_SCHEMA}.outbox"
        last_unpublished = (
            f"SELECT position FROM {table} WHERE published_at IS NULL "  # noqa: S608
            "ORDER BY position DESC LIMIT 1"
        )
        count_unpublished = f"SELECT count(*) FROM {table} WHERE published_at IS NULL"  # noqa: S608
        timeout = max(60.0, rows / 1_000)
        began = time.perf_counter()
        runner = asyncio.create_task(relay.run())
        try:
            while True:
                await asyncio.sleep(0.05)
                if runner.done():
                    runner.result()  # raises what stopped the relay
                if time.perf_counter() - began > timeout:
                    raise TimeoutError(f"relay did not drain {rows:,} rows in {timeout:.0f} s")
                if await admin.fetchval(last_unpublished) is None and not await admin.fetchval(
                    count_unpublished
                ):
                    break
            relay_seconds = time.perf_counter() - began
        finally:
            runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await runner
        relay_messages = await topic_messages(bootstrap, RELAY_TOPIC) - relay_before

        # Bare producer: same factory (acks=all, idempotence, linger 5 ms), same records.
        producer = idempotent_producer(bootstrap, "bench-bare")
        began = time.perf_counter()
        await producer.start()
        try:
            sent = [
                await producer.send(
                    BARE_TOPIC, value=e.kafka_value(), key=e.key, headers=e.kafka_headers()
                )
                for e in events
            ]
            await producer.flush()
            bare_seconds = time.perf_counter() - began
            await asyncio.gather(*sent)  # all done after the flush; raises a failed send
        finally:
            await producer.stop()
        bare_messages = await topic_messages(bootstrap, BARE_TOPIC) - bare_before
    finally:
        await database.dispose()
        await admin.execute(f"DROP SCHEMA IF EXISTS {SCRATCH_SCHEMA} CASCADE")

    relay_rate, bare_rate = rows / relay_seconds, rows / bare_seconds
    return {
        "rows": rows,
        "batch_size": relay.batch_size,
        "fill_seconds": round(fill_seconds, 3),
        "relay_seconds": round(relay_seconds, 3),
        "relay_events_per_s": round(relay_rate),
        "relay_topic_messages": relay_messages,
        "bare_seconds": round(bare_seconds, 3),
        "bare_events_per_s": round(bare_rate),
        "bare_topic_messages": bare_messages,
        "ratio": round(relay_rate / bare_rate, 3),
        "target_events_per_s": DRAIN_TARGET_PER_S,
        "pass": relay_rate >= DRAIN_TARGET_PER_S and relay_messages == rows,
    }


# -- the section -----------------------------------------------------------------------------
REFERENCE_RATE, REFERENCE_SECONDS = 20.0, 5.0


async def run_events(stack: Stack, rows: int, rate: float, seconds: float) -> dict[str, Any]:
    admin = await admin_connection(stack)
    try:
        began = time.perf_counter()
        waited = await wait_for_quiet(admin)
        reference = await bench_latency(
            stack, admin, rate=REFERENCE_RATE, seconds=REFERENCE_SECONDS
        )
        latency = await bench_latency(stack, admin, rate=rate, seconds=seconds)
        drain = await bench_drain(stack, admin, rows)
    finally:
        await admin.close()
    return {
        "section_seconds": round(time.perf_counter() - began, 1),
        "waited_for_outboxes_s": round(waited, 1),
        "latency": latency,
        "latency_reference": reference,
        "drain": drain,
    }


def _row(figure: str, value: str, reference: str, ratio: str, target: str, verdict: str) -> str:
    return f"{figure:<34} {value:>11} {reference:>16} {ratio:>6} {target:>11}  {verdict}"


def bench_events(stack: Stack, rows: int, rate: float, seconds: float) -> dict[str, Any]:
    result = asyncio.run(run_events(stack, rows, rate, seconds))
    latency, reference, drain = result["latency"], result["latency_reference"], result["drain"]
    print(
        f"\nevents: latency from a membership outbox COMMIT to the supply and production "
        f"projections\n(relay -> Kafka -> consumer), {rate:g} member.updated/s for {seconds:g} s "
        f"(reference: {REFERENCE_RATE:g}/s for {REFERENCE_SECONDS:g} s; polled every "
        f"{POLL_S * 1000:g} ms);\nOutboxRelay draining a {rows:,}-row backlog (batch "
        f"{drain['batch_size']}) vs a bare idempotent producer sending the same records\n"
    )
    header = _row("figure", "value", "reference", "ratio", "target", "verdict")
    print(header)
    print("-" * len(header))
    relay_rate, bare_rate = drain["relay_events_per_s"], drain["bare_events_per_s"]
    print(
        _row(
            "outbox relay drain",
            f"{relay_rate:,}/s",
            f"bare {bare_rate:,}/s",
            f"{drain['ratio']:.2f}",
            f">= {DRAIN_TARGET_PER_S:,}/s",
            "pass" if relay_rate >= DRAIN_TARGET_PER_S else "short",
        )
    )
    complete = drain["relay_topic_messages"] == rows and drain["bare_topic_messages"] == rows
    print(
        _row(
            "  messages on the topic",
            f"{drain['relay_topic_messages']:,}",
            f"bare {drain['bare_topic_messages']:,}",
            "",
            f"{rows:,}",
            "pass" if complete else "short",
        )
    )
    for name, figures in latency["projections"].items():
        ref = reference["projections"][name]
        for p in ("p50", "p95", "p99"):
            value, base = figures[f"{p}_ms"], ref[f"{p}_ms"]
            target, verdict = "", ""
            if p == "p99":
                target = f"<= {P99_TARGET_MS:g} ms"
                ok = value is not None and value <= P99_TARGET_MS and figures["missing"] == 0
                verdict = "pass" if ok else "short"
            print(
                _row(
                    f"membership -> {name} {p}",
                    f"{value:,.0f} ms" if value is not None else "-",
                    f"{base:,.0f} ms" if base is not None else "-",
                    f"{value / base:.1f}" if value and base else "",
                    target,
                    verdict,
                )
            )
        applied = figures["applied_per_s"]
        print(
            _row(
                f"  {name} applied",
                f"{applied:,.0f}/s" if applied else "-",
                f"offered {latency['achieved_rate_per_s']:g}/s",
                f"{applied / latency['achieved_rate_per_s']:.2f}" if applied else "",
                "",
                f"{figures['missing']} not seen" if figures["missing"] else "",
            )
        )
    print(
        f"(reference column: latency at {REFERENCE_RATE:g}/s; latency load: "
        f"{latency['events']:,} events over {latency['members']} members; backlog filled by "
        f"COPY in {drain['fill_seconds']:.2f} s; section took {result['section_seconds']:g} s)"
    )
    return result
