"""What the cluster fault tests share: a cluster of their own, load at a steady rate
through the gateway's door, and the checks that every acknowledged write's events reached
every consumer once, in per-key order."""

from __future__ import annotations

import asyncio
import itertools
import random
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from clusterkit.infra.process import read_pid
from clusterkit.testing import eventually, read_rows
from devstack import SERVICES, Mode, Stack
from gateway.feed.service import GROUP_ID as FEED
from gateway.tables import inbox as gateway_inbox
from membership.tables import outbox as membership_outbox
from platform_stack import gateway_client, running_platform
from production.organisations.projection import GROUP_ID as PRODUCTION
from production.tables import inbox as production_inbox
from production.tables import organisations
from supply.members.projection import GROUP as SUPPLY
from supply.tables import inbox as supply_inbox
from supply.tables import members as supply_members

APPLICATIONS = "/api/v1/membership/applications"
# The membership events a write makes, as the feed's type filter names them.
FEED_TYPES = (
    "membership.application.submitted,membership.application.review_started,"
    "membership.application.approved,membership.member.admitted"
)
# A killed upstream opens the gateway's breaker; retry it after 2 s, not 10 s.
FAULT_SETTINGS = {"GATEWAY_BREAKER_COOLDOWN_SECONDS": "2"}
# The load is offered at its rate whatever the answers' pace: on a busy machine requests
# queue in the client (up to this many at once) rather than fail for its own impatience.
CONNECTIONS, CLIENT_TIMEOUT = 200, 60.0
# Bound on a load phase beyond its planned length (a busy machine answers late).
LATE = 600
_stirs = itertools.count(random.randrange(10**8, 9 * 10**8))


@contextmanager
def cluster(state: Path, mode: Mode) -> Iterator[Stack]:
    with running_platform(state, FAULT_SETTINGS, mode=mode) as platform:
        yield platform


@asynccontextmanager
async def door(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the gateway's door (the balancer in cluster mode) for load."""
    async with gateway_client(
        stack, max_connections=CONNECTIONS, request_timeout=CLIENT_TIMEOUT
    ) as client:
        yield client


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


def pids(stack: Stack) -> dict[str, int | None]:
    """Every service instance's pid now (a restart changes it)."""
    return {
        i.name: read_pid(stack.pid_file(s, i.number)) for s in SERVICES for i in stack.instances(s)
    }


@dataclass
class Writes:
    """Application submits (and every ``approve_every``-th approved) at a steady rate. With
    ``retry``, each write carries an ``Idempotency-Key`` and is sent again with it until it
    is acknowledged, as a careful client does."""

    gateway: httpx.AsyncClient
    admin_key: str
    tag: str
    retry: bool = False
    approve_every: int = 10
    acked: dict[str, str] = field(default_factory=dict)  # legal name -> application id
    members: list[str] = field(default_factory=list)
    failed: Counter[str] = field(default_factory=Counter)
    retries: int = 0
    sent: int = 0

    async def _send(
        self,
        call: Callable[[], Awaitable[httpx.Response]],
        ok: int,
        *,
        done: tuple[str, str] | None = None,
    ) -> Any:
        """The answer's JSON once acknowledged; None if it failed (and is not retried).
        ``done``: for a state change retried after an answer was lost, the application
        (path) and the status that says the first try took effect (its retry answers 409)."""
        for attempt in itertools.count():
            if attempt:
                self.retries += 1
                await asyncio.sleep(min(2.0, 0.1 * 2**attempt))
            try:
                response = await call()
            except httpx.HTTPError as exc:
                self.failed[type(exc).__name__] += 1
            else:
                if response.status_code == ok:
                    return response.json()
                if done and attempt and response.status_code == 409:
                    now = await self._application(*done)
                    if now is not None:
                        return now
                self.failed[str(response.status_code)] += 1
            if not self.retry or attempt >= 20:
                return None
        return None

    async def _application(self, path: str, status: str) -> Any:
        response = await self.gateway.get(path, headers=bearer(self.admin_key))
        if response.status_code == 200 and response.json()["status"] == status:
            return response.json()
        return None

    async def write(self, i: int) -> None:
        self.sent += 1
        name = f"{self.tag} {i} LLC"
        body = application(name)
        headers = {"Idempotency-Key": str(uuid.uuid4())} if self.retry else {}
        submitted = await self._send(
            lambda: self.gateway.post(APPLICATIONS, json=body, headers=headers), 201
        )
        if submitted is None:
            return
        self.acked[name] = submitted["id"]
        if self.approve_every and i % self.approve_every == 0:
            one = f"{APPLICATIONS}/{submitted['id']}"
            auth = bearer(self.admin_key)
            started = await self._send(
                lambda: self.gateway.post(f"{one}/start-review", headers=auth),
                200,
                done=(one, "under_review"),
            )
            if started is not None:
                approved = await self._send(
                    lambda: self.gateway.post(f"{one}/approve", headers=auth),
                    200,
                    done=(one, "approved"),
                )
                if approved is not None:
                    self.members.append(approved["member_id"])

    @property
    def failures(self) -> int:
        return sum(self.failed.values())


async def at_rate(
    rate: float,
    call: Callable[[int], Coroutine[Any, Any, None]],
    *,
    seconds: float | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """``call(i)`` ``rate`` times a second, each in its own task (a slow answer does not
    slow the rate), for ``seconds`` or until ``stop`` is set; then wait for them all. When
    the loop falls behind (a busy machine), the calls due are all made at once."""
    started = time.monotonic()
    total = int(rate * seconds) if seconds is not None else None
    made = 0

    def done() -> bool:
        return (total is not None and made >= total) or (stop is not None and stop.is_set())

    async with asyncio.TaskGroup() as tasks:
        while not done():
            due = int((time.monotonic() - started) * rate) + 1
            while made < (due if total is None else min(due, total)):
                tasks.create_task(call(made))
                made += 1
            await asyncio.sleep(max(0.0, started + made / rate - time.monotonic()))


@dataclass
class Reads:
    """Lists of each service through the gateway's door, in turn. A read whose connection
    dropped without an answer is sent once more, as any client of an idempotent call does
    (the typed client too): counted in ``retried``; a read that fails twice, or answers
    anything but 200, is a failed read."""

    gateway: httpx.AsyncClient
    admin_key: str
    ok: int = 0
    retried: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    PATHS = (
        "/api/v1/membership/applications?limit=20",
        "/api/v1/production/organisations?limit=20",
        "/api/v1/supply/items?limit=20",
        "/api/v1/events?limit=20",
    )

    async def read(self, i: int) -> None:
        path = self.PATHS[i % len(self.PATHS)]
        try:
            try:
                response = await self.gateway.get(path, headers=bearer(self.admin_key))
            except httpx.TransportError:
                self.retried += 1
                response = await self.gateway.get(path, headers=bearer(self.admin_key))
        except httpx.HTTPError as exc:
            self.failed[f"{path.split('?')[0]} {type(exc).__name__}"] += 1
            return
        if response.status_code == 200:
            self.ok += 1
        else:
            self.failed[f"{path.split('?')[0]} {response.status_code}"] += 1

    @property
    def failures(self) -> int:
        return sum(self.failed.values())


async def read_feed(gateway: httpx.AsyncClient, admin_key: str) -> list[dict[str, Any]]:
    """The whole feed of membership's application and member events, in feed order."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params = {"types": FEED_TYPES, "limit": "500", **({"cursor": cursor} if cursor else {})}
        page = await gateway.get("/api/v1/events", params=params, headers=bearer(admin_key))
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if not page.json()["items"] or cursor is None:
            return items


async def outbox_order(stack: Stack, subjects: set[str]) -> dict[str, list[str]]:
    """Each subject's event ids in the order membership wrote them."""
    o = membership_outbox.table.c
    rows = await read_rows(
        stack.database_url("membership"),
        select(o.subject, o.event_id).where(o.subject.in_(subjects)).order_by(o.position),
    )
    order: dict[str, list[str]] = defaultdict(list)
    for subject, event_id in rows:
        order[subject].append(str(event_id))
    return order


async def inbox_counts(url: str, table: Any, consumer: str, event_ids: set[str]) -> Counter[str]:
    """How many times ``consumer`` recorded each of ``event_ids`` in its inbox."""
    c = table.c
    rows = await read_rows(
        url, select(c.event_id).where((c.consumer == consumer) & c.event_id.in_(event_ids))
    )
    return Counter(str(row[0]) for row in rows)


async def handled(url: str, outcome: str) -> int:
    """How many events an instance's consumers handled with ``outcome`` (``applied``,
    ``duplicate``: a redelivery its inbox recognised), from its /metrics; 0 if it is gone."""
    async with httpx.AsyncClient() as client:
        try:
            text = (await client.get(f"{url}/metrics")).text
        except httpx.HTTPError:
            return 0
    return int(
        sum(
            float(line.rsplit(" ", 1)[1])
            for line in text.splitlines()
            if line.startswith("consumer_events_total{") and f'outcome="{outcome}"' in line
        )
    )


async def redeliveries_skipped(stack: Stack, *extra: str) -> int:
    """Records the consumers' inboxes recognised as already handled, over the instances
    running now (and the ``extra`` URLs)."""
    urls = [stack.instance_url(i) for s in SERVICES[1:] for i in stack.instances(s)]
    return sum([await handled(url, "duplicate") for url in [*urls, *extra]])


@dataclass
class Delivery:
    """What the consumers did with the acknowledged writes' events."""

    expected: int  # events the acknowledged writes made
    in_feed: int
    out_of_order: int  # subjects whose events the feed holds in another order
    duplicates: int  # copies applied beyond one, over every consumer
    missing: int  # events some consumer never applied

    def line(self) -> str:
        return (
            f"events {self.expected}, in the feed {self.in_feed}, out of per-key order "
            f"{self.out_of_order}, applied twice {self.duplicates}, never applied {self.missing}"
        )


async def delivered_once_in_order(
    stack: Stack, gateway: httpx.AsyncClient, admin_key: str, writes: Writes
) -> Delivery:
    """Wait until every acknowledged write's events are in the feed and every member in
    both projections (bounded), then count how each consumer applied them."""
    subjects = set(writes.acked.values()) | set(writes.members)
    order = await outbox_order(stack, subjects)
    event_ids = {e for ids in order.values() for e in ids}
    members = set(writes.members)

    async def all_there() -> bool:
        feed_ids = {item["id"] for item in await read_feed(gateway, admin_key)}
        if not event_ids <= feed_ids:
            return False
        for url, column in (
            (stack.database_url("production"), organisations.c.id),
            (stack.database_url("supply"), supply_members.c.id),
        ):
            found = await read_rows(url, select(column).where(column.in_(members)))
            if len(found) < len(members):
                return False
        return True

    await eventually(all_there, within=180, every=1.0)
    await asyncio.sleep(3)  # a late re-sent copy would show now
    feed = [item for item in await read_feed(gateway, admin_key) if item["id"] in event_ids]
    in_feed: dict[str, list[str]] = defaultdict(list)
    for item in feed:
        in_feed[item["subject"]].append(item["id"])
    out_of_order = sum(1 for subject, ids in order.items() if in_feed[subject] != ids)

    admitted = {item["id"] for item in feed if item["type"].endswith("member.admitted.v1")}
    applied = [
        Counter(item["id"] for item in feed),
        await inbox_counts(stack.database_url("gateway"), gateway_inbox.table, FEED, event_ids),
        await inbox_counts(
            stack.database_url("production"), production_inbox.table, PRODUCTION, admitted
        ),
        await inbox_counts(stack.database_url("supply"), supply_inbox.table, SUPPLY, admitted),
    ]
    wanted = [event_ids, event_ids, admitted, admitted]
    duplicates = sum(n - 1 for counts in applied for n in counts.values())
    missing = sum(len(ids - set(counts)) for ids, counts in zip(wanted, applied, strict=True))
    missing += len(members) - len(admitted)
    return Delivery(len(event_ids), len(feed), out_of_order, duplicates, missing)
