"""The platform under faults, with real processes on loopback: the Kafka broker and a service
killed (SIGKILL) under load, Postgres restarted. Acknowledged writes stay written, no event
is lost, and each is applied once by every consumer."""

from __future__ import annotations

import asyncio
import itertools
import random
import signal
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import Table, func, select, true

from clusterkit.infra.process import port_open, read_pid, stop
from clusterkit.testing import eventually, read_events, read_rows
from devstack import SERVICES, Stack
from gateway.feed.service import GROUP_ID as FEED_GROUP
from gateway.tables import inbox as gateway_inbox
from membership.events import APPLICATION_SUBMITTED, MEMBER_ADMITTED
from membership.tables import application_transitions, applications
from membership.tables import outbox as membership_outbox
from production.tables import inbox as production_inbox
from production.tables import organisations
from supply.tables import inbox as supply_inbox
from supply.tables import members as supply_members

APPLICATIONS = "/api/v1/membership/applications"
MEMBERSHIP = next(s for s in SERVICES if s.name == "membership")
Report = Callable[[str], None]
# STIRs are unique among open applications: count up from a random start.
_stirs = itertools.count(random.randrange(10**8, 9 * 10**8))


def application(name: str) -> dict[str, Any]:
    return {
        "legal_name": name,
        "stir": str(next(_stirs)),
        "region": "UZ-TO",
        "sectors": ["cable_wire"],
        "planned_products": [],
        "requested_cathode_tpy": "1200",
        "contact": {"name": "Test Person", "email": "t@example.uz", "phone": "+998 70 000 00 00"},
        "proposal": "Fault test application.",
    }


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def approve(gateway: httpx.AsyncClient, admin_key: str, application_id: str) -> str:
    one = f"{APPLICATIONS}/{application_id}"
    assert (await gateway.post(f"{one}/start-review", headers=bearer(admin_key))).status_code == 200
    approved = await gateway.post(f"{one}/approve", headers=bearer(admin_key))
    assert approved.status_code == 200, approved.text
    member_id: str = approved.json()["member_id"]
    return member_id


async def per_row(url: str, column: Any, where: Any = None) -> Counter[str]:
    """How many rows each value of ``column`` has (a direct read of a service's schema)."""
    rows = await read_rows(
        url,
        select(column, func.count()).where(true() if where is None else where).group_by(column),
    )
    return Counter({str(row[0]): row[1] for row in rows})


async def inbox_rows(
    url: str, table: Table, event_ids: set[str], consumer: str | None = None
) -> Counter[str]:
    """Each event's inbox rows (of one consumer group, where a service runs several)."""
    where = table.c.event_id.in_(event_ids)
    if consumer is not None:
        where = where & (table.c.consumer == consumer)
    return await per_row(url, table.c.event_id, where)


async def redeliveries_skipped(stack: Stack) -> int:
    """Records the consumers' inboxes recognised as already handled (their /metrics)."""
    total = 0.0
    async with httpx.AsyncClient() as client:
        for name in ("production", "supply", "gateway"):
            text = (await client.get(f"{stack.url(name)}/metrics")).text
            for line in text.splitlines():
                if line.startswith("consumer_events_total{") and 'outcome="duplicate"' in line:
                    total += float(line.rsplit(" ", 1)[1])
    return int(total)


class Feed:
    """The gateway's event feed (``/api/v1/events``), read on from a cursor: how many times
    each subject's event of each type is in it, and the event ids."""

    def __init__(self, gateway: httpx.AsyncClient, admin_key: str):
        self.gateway = gateway
        self.headers = bearer(admin_key)
        self.cursor: str | None = None
        self.count: Counter[tuple[str, str]] = Counter()  # (type, subject) -> copies
        self.ids: dict[str, set[str]] = {APPLICATION_SUBMITTED: set(), MEMBER_ADMITTED: set()}

    async def read_on(self) -> None:
        while True:
            params = {"types": "membership.application.submitted,membership.member.admitted"}
            params |= {"limit": "500", **({"cursor": self.cursor} if self.cursor else {})}
            page = await self.gateway.get("/api/v1/events", params=params, headers=self.headers)
            assert page.status_code == 200, page.text
            self.cursor = page.json()["next_cursor"]
            items = page.json()["items"]
            for event in items:
                self.count[event["type"], event["subject"]] += 1
                self.ids[event["type"]].add(event["id"])
            if not items:
                return

    def has(self, type_: str, subjects: list[str]) -> bool:
        return all(self.count[type_, s] for s in subjects)


async def test_kafka_killed_for_30s_under_writes_loses_nothing_and_applies_each_once(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack, report: Report
) -> None:
    rate, seconds, down_at, down_for = 20, 45, 5, 30
    tag = f"Kafka {random.randrange(10**6)}"
    acked: list[str] = []  # application ids answered 201
    members: list[str] = []  # every 10th application is approved too
    failed: Counter[str] = Counter()

    async def submit(i: int) -> None:
        try:
            response = await gateway.post(APPLICATIONS, json=application(f"{tag} {i} LLC"))
        except httpx.HTTPError as exc:
            failed[type(exc).__name__] += 1
            return
        if response.status_code != 201:
            failed[str(response.status_code)] += 1
            return
        acked.append(response.json()["id"])
        # Production and supply project member.* events only: give them some to apply.
        if i % 10 == 0:
            members.append(await approve(gateway, admin_key, response.json()["id"]))

    broker = stack.kafka()

    async def outage() -> None:
        await asyncio.sleep(down_at)
        await asyncio.to_thread(broker.kill)
        assert not port_open(broker.port), "the broker should be gone"
        await asyncio.sleep(down_for)
        await asyncio.to_thread(broker.start)  # same port, same data folder

    started = time.monotonic()
    try:
        async with asyncio.timeout(seconds + 90), asyncio.TaskGroup() as tasks:
            tasks.create_task(outage())
            for i in range(rate * seconds):
                await asyncio.sleep(max(0.0, started + i / rate - time.monotonic()))
                tasks.create_task(submit(i))
    finally:
        await asyncio.to_thread(broker.start)  # (if this failed half-way) for the next tests
    sent = rate * seconds
    # The outbox's promise: Kafka being away never fails an HTTP write.
    assert not failed, failed
    assert len(acked) == sent

    # Every acknowledged write is in membership's table.
    stored = await per_row(
        stack.database_url("membership"), applications.c.id, applications.c.id.in_(acked)
    )
    assert stored == Counter(dict.fromkeys(acked, 1))

    # Every event reaches the gateway's feed, and every member both projections.
    feed = Feed(gateway, admin_key)

    async def delivered() -> bool:
        await feed.read_on()
        if not (feed.has(APPLICATION_SUBMITTED, acked) and feed.has(MEMBER_ADMITTED, members)):
            return False
        for url, column in (
            (stack.database_url("production"), organisations.c.id),
            (stack.database_url("supply"), supply_members.c.id),
        ):
            if len(await per_row(url, column, column.in_(members))) < len(members):
                return False
        return True

    await eventually(delivered, within=120, every=0.5)
    await asyncio.sleep(3)  # a late re-sent copy would show now
    await feed.read_on()

    # Once each in effect: in the feed, in each consumer's inbox, in each projection.
    expected = Counter({(APPLICATION_SUBMITTED, a): 1 for a in acked})
    expected |= Counter({(MEMBER_ADMITTED, m): 1 for m in members})
    in_feed = Counter({k: n for k, n in feed.count.items() if k in expected})
    submitted_ids, admitted_ids = feed.ids[APPLICATION_SUBMITTED], feed.ids[MEMBER_ADMITTED]
    applied = [
        await inbox_rows(
            stack.database_url("gateway"), gateway_inbox.table, submitted_ids, FEED_GROUP
        ),
        await inbox_rows(stack.database_url("production"), production_inbox.table, admitted_ids),
        await inbox_rows(stack.database_url("supply"), supply_inbox.table, admitted_ids),
        await per_row(
            stack.database_url("production"), organisations.c.id, organisations.c.id.in_(members)
        ),
        await per_row(
            stack.database_url("supply"), supply_members.c.id, supply_members.c.id.in_(members)
        ),
    ]
    duplicates = sum(n - 1 for n in in_feed.values()) + sum(
        n - 1 for counts in applied for n in counts.values()
    )

    # Kafka holds each write's event at least once: a batch the broker wrote but could not
    # acknowledge before the kill is sent again, as the same event (same id).
    on_topic = [
        e
        for e in await read_events(
            stack.kafka_bootstrap, "membership.events", at_least=len(acked), within=60, settle=2
        )
        if e.type == APPLICATION_SUBMITTED and e.subject in set(acked)
    ]
    ids_per_write = Counter(e.subject for e in {e.id: e for e in on_topic}.values())

    report(
        f"kafka killed {down_for}s: writes sent {sent}, acknowledged {len(acked)}, "
        f"members approved {len(members)}; events delivered to the feed "
        f"{sum(in_feed.values())}/{len(expected)}, submitted events on the topic "
        f"{len(on_topic)} ({len(on_topic) - len(ids_per_write)} re-sent copies), redeliveries "
        f"skipped by inboxes {await redeliveries_skipped(stack)}, duplicates applied {duplicates}"
    )
    assert in_feed == expected
    assert all(counts == Counter(dict.fromkeys(counts, 1)) for counts in applied)
    assert [len(c) for c in applied] == [len(acked), *[len(members)] * 4]
    assert ids_per_write == Counter(dict.fromkeys(acked, 1))  # one event per write
    assert duplicates == 0


async def test_membership_killed_mid_load_leaves_no_partial_write_and_loses_no_event(
    gateway: httpx.AsyncClient, stack: Stack, report: Report
) -> None:
    tag = f"Crash {random.randrange(10**6)}"
    url = stack.database_url("membership")
    acked: list[str] = []
    failed: Counter[str] = Counter()
    restarted = asyncio.Event()
    acked_after_restart = 0
    done = asyncio.Event()
    counter = itertools.count()

    async def worker() -> None:
        # Back to back, so requests are in flight inside membership when it dies.
        nonlocal acked_after_restart
        while not done.is_set():
            try:
                response = await gateway.post(
                    APPLICATIONS, json=application(f"{tag} {next(counter)} LLC")
                )
            except httpx.HTTPError as exc:
                failed[type(exc).__name__] += 1
                continue
            if response.status_code == 201:
                acked.append(response.json()["id"])
                acked_after_restart += restarted.is_set()
            else:
                failed[str(response.status_code)] += 1
                await asyncio.sleep(0.05)

    async def crash() -> int:
        await asyncio.sleep(3)
        await asyncio.to_thread(stack.kill_service, MEMBERSHIP)
        # Events written but not yet relayed when the process died: the restarted relay's.
        waiting = await per_row(
            url, membership_outbox.table.c.type, membership_outbox.table.c.published_at.is_(None)
        )
        await asyncio.to_thread(stack.start_service, MEMBERSHIP)
        restarted.set()
        await asyncio.sleep(4)
        done.set()
        return sum(waiting.values())

    try:
        async with asyncio.timeout(120), asyncio.TaskGroup() as tasks:
            killed = tasks.create_task(crash())
            for _ in range(6):
                tasks.create_task(worker())
    finally:
        await asyncio.to_thread(stack.start_service, MEMBERSHIP)  # no-op if it runs
    sent = len(acked) + sum(failed.values())

    # No partial write: each stored application has its one audit row and its one event.
    mine = applications.c.legal_name.startswith(tag)
    committed = await per_row(url, applications.c.id, mine)
    trail = await per_row(
        url,
        application_transitions.c.application_id,
        application_transitions.c.application_id.in_(select(applications.c.id).where(mine)),
    )
    o = membership_outbox.table.c
    events = await per_row(
        url, o.subject, (o.type == APPLICATION_SUBMITTED) & o.subject.in_(list(committed))
    )
    assert set(acked) <= set(committed)
    assert trail == committed
    assert events == committed

    # The restarted relay publishes what was left: no event lost.
    async def relayed() -> bool:
        return not await per_row(url, o.position, o.published_at.is_(None))

    await eventually(relayed, within=60, every=0.5)
    on_topic = {
        e.subject
        for e in await read_events(
            stack.kafka_bootstrap, "membership.events", at_least=len(committed), settle=2
        )
        if e.type == APPLICATION_SUBMITTED
    }
    report(
        f"membership killed mid-load: writes sent {sent}, acknowledged {len(acked)} "
        f"({acked_after_restart} after the restart), failed {dict(failed)}, committed "
        f"{len(committed)} ({len(committed) - len(acked)} without an answer), outbox rows "
        f"waiting at the kill {killed.result()}, events on the topic "
        f"{len(set(committed) & on_topic)}/{len(committed)}"
    )
    assert failed, "the kill should have failed some requests"
    assert acked_after_restart > 0
    assert set(committed) <= on_topic


async def test_postgres_restarted_every_service_is_503_says_why_and_recovers_by_itself(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack, report: Report
) -> None:
    # One database-backed call per service, through the gateway (the feed is the gateway's).
    async def probes() -> dict[str, httpx.Response]:
        return {
            "membership": await gateway.post(APPLICATIONS, json=application("Restart LLC")),
            "production": await gateway.get("/api/v1/production/organisations"),
            "supply": await gateway.get("/api/v1/supply/items"),
            "gateway": await gateway.get("/api/v1/events", headers=bearer(admin_key)),
        }

    async def readiness() -> dict[str, httpx.Response]:
        async with httpx.AsyncClient(timeout=10) as client:
            return {s.name: await client.get(f"{stack.url(s.name)}/readyz") for s in SERVICES}

    pids = {s.name: read_pid(stack.pid_file(s)) for s in SERVICES}
    # Immediate shutdown, as a crash: the restart recovers from the WAL.
    await asyncio.to_thread(stop, stack.postgres.pid_file, sig=signal.SIGQUIT)
    try:
        for name, response in (await probes()).items():
            assert response.status_code == 503, (name, response.text)
            assert response.headers["content-type"] == "application/problem+json", name
        for name, response in (await readiness()).items():
            assert response.status_code == 503, name
            assert response.headers["content-type"] == "application/problem+json", name
            checks = response.json()["checks"]
            assert checks["postgres"].startswith("unavailable"), (name, checks)
            assert checks["kafka"] == "ok", (name, checks)
    finally:
        await asyncio.to_thread(stack.postgres.start)
    restarted = time.monotonic()

    async def recovered() -> bool:
        answers = [*(await probes()).values(), *(await readiness()).values()]
        return all(r.status_code < 300 for r in answers)

    await eventually(recovered, within=60, every=0.5)
    recovered_in = time.monotonic() - restarted

    # Relays and consumers recovered too: a new member reaches the feed and both projections.
    submitted = await gateway.post(APPLICATIONS, json=application("After Restart LLC"))
    member = await approve(gateway, admin_key, submitted.json()["id"])
    feed = Feed(gateway, admin_key)

    async def projected() -> bool:
        await feed.read_on()
        views = [
            await per_row(stack.database_url("production"), organisations.c.id),
            await per_row(stack.database_url("supply"), supply_members.c.id),
        ]
        return feed.has(MEMBER_ADMITTED, [member]) and all(member in v for v in views)

    await eventually(projected, within=60, every=0.5)
    assert {s.name: read_pid(stack.pid_file(s)) for s in SERVICES} == pids  # none restarted
    report(
        f"postgres restarted: every service 503 problem+json with /readyz naming postgres, "
        f"all answering again {recovered_in:.1f}s after the restart, no service restarted"
    )
