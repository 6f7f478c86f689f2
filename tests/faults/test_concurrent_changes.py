"""Concurrent changes: 16 clients at once change the same application, offer, order, member and
webhook subscription through the gateway, each with whatever step it picked, while events
flow and the webhook dispatcher delivers. Two changes of one row meet in Postgres: one
waits for the other (the lock orders of docs/decisions/0009), a deadlock or a
serialization failure is rerun by the unit of work, and a step the other made impossible
is a 409 (412 for a stale If-Match, 404 for a deleted row). Never a 5xx.
"""

from __future__ import annotations

import asyncio
import random
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import asyncpg
import httpx
import pytest

from clusterkit.testing import eventually
from devstack import SERVICES, Stack
from platform_stack import admin_key_of, running_platform

CLIENTS = 16
ROUNDS = 12  # per kind: each round is one row that the 16 clients change at once
ALLOWED = {404, 409, 412}  # besides 2xx
APPLICATIONS = "/api/v1/membership/applications"
MEMBERS = "/api/v1/membership/members"
SUPPLY = "/api/v1/supply"
WEBHOOKS = "/api/v1/webhooks"
SOON = (date.today() + timedelta(days=20)).isoformat()
Call = Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]
Report = Callable[[str], None]


class Receiver(BaseHTTPRequestHandler):
    """Takes every delivery, a little slowly (a delivery in flight while its subscription
    changes is the case that deadlocked)."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(0.02)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def receiver() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    settings = {
        "GATEWAY_WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "true",  # the receiver is on loopback
        "GATEWAY_WEBHOOK_POLL_SECONDS": "0.1",
        "GATEWAY_WEBHOOK_RETRY_BASE_SECONDS": "0.2",
        # 16 clients share three keys: the per-key limits are not what is measured here.
        "GATEWAY_RATE_PER_KEY": "100000",
        "GATEWAY_BURST_PER_KEY": "100000",
    }
    with running_platform(tmp_path_factory.mktemp("concurrent-stack"), settings) as platform:
        yield platform


@pytest.fixture
async def gateway(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    # Idle connections are dropped before uvicorn's 5 s keep-alive ends them: a request sent
    # on one the server is closing at that moment fails without an answer, which is the
    # client's race, not the platform's.
    limits = httpx.Limits(max_connections=CLIENTS * 2, keepalive_expiry=2)
    async with httpx.AsyncClient(
        base_url=stack.url("gateway"), timeout=30, limits=limits
    ) as client:
        yield client


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def issue_key(stack: Stack, role: str, organisation_id: str | None = None) -> dict[str, str]:
    argv = [sys.executable, "-m", "gateway.cli", "create", "--name", f"concurrent {role}"]
    argv += ["--role", role, *(["--organisation-id", organisation_id] if organisation_id else [])]
    gateway = next(s for s in SERVICES if s.name == "gateway")
    done = subprocess.run(
        argv, env=stack.service_env(gateway), check=True, capture_output=True, text=True
    )
    return bearer(done.stdout.strip())


def stir() -> str:
    return f"{random.randrange(10**8, 10**9)}"


def application(name: str) -> dict[str, Any]:
    return {
        "legal_name": name,
        "stir": stir(),
        "region": "UZ-TO",
        "sectors": ["cable_wire"],
        "planned_products": [],
        "requested_cathode_tpy": "1200",
        "contact": {"name": "Test Person", "email": "t@example.uz", "phone": "+998 70 000 00 00"},
        "proposal": "Concurrent changes test application.",
    }


def offer_for(request: dict[str, Any], price: str) -> dict[str, Any]:
    return {
        "currency": "UZS",
        "valid_until": (datetime.now(UTC) + timedelta(days=7)).isoformat(),
        "lines": [
            {k: line[k] for k in ("line_no", "quantity", "unit")}
            | {"unit_price": price, "delivery_date": SOON}
            for line in request["lines"]
        ],
    }


ACID = {"hs_code": "2807", "description": "Sulfuric acid", "category": "reagent"}
REQUEST = {
    "lines": [{**ACID, "quantity": "40", "unit": "TNE"}],
    "needed_by": SOON,
    "delivery_region": "UZ-TO",
}


async def created(response: Awaitable[httpx.Response], status: int = 201) -> dict[str, Any]:
    answer = await response
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    return body


class Cluster:
    """The parties of the test and their keys."""

    def __init__(self, gateway: httpx.AsyncClient, stack: Stack):
        self.gateway = gateway
        self.stack = stack
        self.admin = bearer(admin_key_of(stack))
        self.member: dict[str, str] = {}
        self.suppliers: list[dict[str, str]] = []

    async def admit(self, name: str) -> str:
        submitted = await created(self.gateway.post(APPLICATIONS, json=application(name)))
        one = f"{APPLICATIONS}/{submitted['id']}"
        await created(self.gateway.post(f"{one}/start-review", headers=self.admin), 200)
        approved = await created(self.gateway.post(f"{one}/approve", headers=self.admin), 200)
        member_id: str = approved["member_id"]
        return member_id

    async def admit_buyer(self) -> None:
        member_id = await self.admit("Buyer LLC")

        async def in_supply() -> bool:
            page = await self.gateway.get(
                f"{SUPPLY}/members", params={"limit": "200"}, headers=self.admin
            )
            return member_id in {m["id"] for m in page.json()["items"]}

        await eventually(in_supply, within=60)
        self.member = await asyncio.to_thread(issue_key, self.stack, "member", member_id)

    async def register_suppliers(self) -> None:
        for name in ("Acid One LLC", "Acid Two LLC"):
            body = {"legal_name": name, "stir": stir(), "region": "UZ-NW", "is_local": True}
            body["categories"] = ["reagent"]
            supplier = await created(
                self.gateway.post(f"{SUPPLY}/suppliers", json=body, headers=self.admin)
            )
            verify = f"{SUPPLY}/suppliers/{supplier['id']}/verify"
            await created(self.gateway.post(verify, headers=self.admin), 200)
            key = await asyncio.to_thread(issue_key, self.stack, "supplier", supplier["id"])
            self.suppliers.append(key)

    async def request_with_offers(self) -> tuple[dict[str, Any], list[str]]:
        request = await created(
            self.gateway.post(f"{SUPPLY}/requests", json=REQUEST, headers=self.member)
        )
        offers = []
        for i, key in enumerate(self.suppliers):
            url = f"{SUPPLY}/requests/{request['id']}/offers"
            body = offer_for(request, str(1000 + i))
            offers.append((await created(self.gateway.post(url, json=body, headers=key)))["id"])
        return request, offers


def application_steps(cluster: Cluster, application: dict[str, Any]) -> list[Call]:
    one = f"{APPLICATIONS}/{application['id']}"
    own = {"X-Application-Token": application["access_token"]}
    admin = cluster.admin
    reason = {"reason": "Concurrent step."}
    return [
        lambda g: g.post(f"{one}/start-review", headers=admin),
        lambda g: g.post(f"{one}/request-info", json=reason, headers=admin),
        lambda g: g.post(f"{one}/respond", json=reason, headers=own),
        lambda g: g.post(f"{one}/approve", headers=admin),
        lambda g: g.post(f"{one}/reject", json=reason, headers=admin),
        lambda g: g.post(f"{one}/withdraw", headers=own),
    ]


def offer_steps(cluster: Cluster, request: dict[str, Any], offers: list[str]) -> list[Call]:
    member, suppliers = cluster.member, cluster.suppliers
    quote = f"{SUPPLY}/requests/{request['id']}/offers"
    cancel = f"{SUPPLY}/requests/{request['id']}/cancel"
    steps: list[Call] = [
        lambda g: g.post(cancel, json={"reason": "Concurrent cancel."}, headers=member),
    ]
    for offer_id, key in zip(offers, suppliers, strict=True):
        steps += [
            lambda g, o=offer_id: g.post(f"{SUPPLY}/offers/{o}/accept", headers=member),
            lambda g, o=offer_id, k=key: g.post(f"{SUPPLY}/offers/{o}/withdraw", headers=k),
            lambda g, k=key: g.post(quote, json=offer_for(request, "990"), headers=k),
        ]
    return steps


def order_steps(cluster: Cluster, order: dict[str, Any], supplier: dict[str, str]) -> list[Call]:
    one = f"{SUPPLY}/orders/{order['id']}"
    member = cluster.member
    part = {"lines": [{"line_no": 1, "quantity": "10"}]}
    reason = {"reason": "Concurrent cancel."}
    return [
        lambda g: g.post(f"{one}/confirm", headers=supplier),
        lambda g: g.post(f"{one}/ship", headers=supplier),
        lambda g: g.post(f"{one}/deliver", json=part, headers=member),
        lambda g: g.post(f"{one}/cancel", json=reason, headers=member),
        lambda g: g.post(f"{one}/cancel", json=reason, headers=supplier),
    ]


def member_steps(cluster: Cluster, member_id: str, etag: str) -> list[Call]:
    one = f"{MEMBERS}/{member_id}"
    admin = cluster.admin
    matching = {**admin, "If-Match": etag}  # current for the first change only
    contact = {"name": "New Person", "email": "new@example.uz", "phone": "+998 70 111 11 11"}
    return [
        lambda g: g.patch(one, json={"contact": contact}, headers=matching),
        lambda g: g.patch(one, json={"cathode_quota_tpy": "900"}, headers=matching),
        lambda g: g.post(f"{one}/suspend", json={"reason": "Concurrent."}, headers=admin),
        lambda g: g.post(f"{one}/reinstate", headers=admin),
    ]


def webhook_steps(cluster: Cluster, webhook: dict[str, Any], etag: str) -> list[Call]:
    one = f"{WEBHOOKS}/{webhook['id']}"
    admin = cluster.admin
    matching = {**admin, "If-Match": etag}  # current for the first change only
    return [
        lambda g: g.patch(one, json={"enabled": False}, headers=admin),
        lambda g: g.patch(one, json={"enabled": True}, headers=admin),
        lambda g: g.patch(one, json={"event_types": ["supply."]}, headers=matching),
        lambda g: g.patch(one, json={"event_types": []}, headers=matching),
        lambda g: g.delete(one, headers=admin),
    ]


async def deadlocks(stack: Stack) -> int:
    connection = await asyncpg.connect(stack.postgres.admin_dsn)
    try:
        found: int = await connection.fetchval(
            "SELECT coalesce(sum(deadlocks), 0) FROM pg_stat_database"
        )
        return found
    finally:
        await connection.close()


async def test_sixteen_clients_changing_the_same_rows_get_no_5xx(
    gateway: httpx.AsyncClient, stack: Stack, receiver: str, report: Report
) -> None:
    cluster = Cluster(gateway, stack)
    await cluster.admit_buyer()
    await cluster.register_suppliers()
    admin = cluster.admin

    # The rows to fight over, one per round and kind.
    applications = [
        await created(gateway.post(APPLICATIONS, json=application(f"Contended {i} LLC")))
        for i in range(ROUNDS)
    ]
    quoted = [await cluster.request_with_offers() for _ in range(ROUNDS)]
    orders = []
    for i in range(ROUNDS):
        _, offers = await cluster.request_with_offers()
        accept = f"{SUPPLY}/offers/{offers[i % 2]}/accept"
        orders.append(
            (await created(gateway.post(accept, headers=cluster.member)), cluster.suppliers[i % 2])
        )
    members = []
    for i in range(ROUNDS):
        member_id = await cluster.admit(f"Upkept {i} LLC")
        seen = await gateway.get(f"{MEMBERS}/{member_id}", headers=admin)
        members.append((member_id, seen.headers["ETag"]))
    webhooks = []
    for _ in range(ROUNDS):
        hook = await created(gateway.post(WEBHOOKS, json={"url": receiver}, headers=admin))
        seen = await gateway.get(f"{WEBHOOKS}/{hook['id']}", headers=admin)
        webhooks.append((hook, seen.headers["ETag"]))

    rounds: list[tuple[str, list[Call]]] = []
    for i in range(ROUNDS):
        rounds += [
            ("applications", application_steps(cluster, applications[i])),
            ("offers", offer_steps(cluster, *quoted[i])),
            ("orders", order_steps(cluster, *orders[i])),
            ("members", member_steps(cluster, *members[i])),
            ("webhooks", webhook_steps(cluster, *webhooks[i])),
        ]

    answers: dict[str, Counter[int]] = defaultdict(Counter)
    bad: list[str] = []
    latencies: list[float] = []
    deadlocks_before = await deadlocks(stack)
    started = time.monotonic()

    async def client(kind: str, step: Call, gate: asyncio.Barrier) -> None:
        await gate.wait()  # the 16 leave together
        sent = time.monotonic()
        try:
            response = await step(gateway)
        except httpx.TransportError as exc:  # no answer at all: as bad as a 5xx
            answers[kind][0] += 1
            bad.append(f"{kind}: {type(exc).__name__} {exc}")
            return
        latencies.append(time.monotonic() - sent)
        answers[kind][response.status_code] += 1
        if response.status_code >= 300 and response.status_code not in ALLOWED:
            bad.append(
                f"{kind} {response.request.method} {response.request.url.path}: "
                f"{response.status_code} {response.text[:300]}"
            )

    for kind, steps in rounds:
        gate = asyncio.Barrier(CLIENTS)
        async with asyncio.timeout(60):
            await asyncio.gather(
                *(client(kind, random.choice(steps), gate) for _ in range(CLIENTS))
            )
    elapsed = time.monotonic() - started
    met = await deadlocks(stack) - deadlocks_before

    latencies.sort()
    sent = sum(sum(c.values()) for c in answers.values())
    report(
        f"concurrent changes: {CLIENTS} clients, {len(rounds)} rounds, {sent} requests in "
        f"{elapsed:.1f}s, p99 {latencies[int(len(latencies) * 0.99) - 1] * 1000:.0f} ms; "
        f"deadlocks Postgres broke (each rerun by the unit of work): {met}"
    )
    columns = ("sent", "2xx", "404", "409", "412", "5xx", "none", "other")
    report(f"{'kind':<13}" + "".join(f"{c:>6}" for c in columns))
    for kind, counts in answers.items():
        ok = sum(n for code, n in counts.items() if 200 <= code < 300)
        five = sum(n for code, n in counts.items() if code >= 500)
        none = counts[0]  # no answer at all
        other = sum(counts.values()) - ok - five - none - sum(counts[c] for c in ALLOWED)
        row = (sum(counts.values()), ok, counts[404], counts[409], counts[412], five, none, other)
        report(f"{kind:<13}" + "".join(f"{n:>6}" for n in row))
    assert not bad, "\n".join(bad[:20])
    # What the fights left is whole: one accepted offer at most per request, and the request
    # closed exactly when one was.
    for request, _ in quoted:
        listed = await gateway.get(f"{SUPPLY}/requests/{request['id']}/offers", headers=admin)
        statuses = Counter(o["status"] for o in listed.json()["items"])
        assert statuses["accepted"] <= 1, statuses
        state = (await gateway.get(f"{SUPPLY}/requests/{request['id']}", headers=admin)).json()
        assert (state["status"] == "closed") == (statuses["accepted"] == 1), (state, statuses)
    for kind, counts in answers.items():
        assert any(200 <= code < 300 for code in counts), (kind, counts)  # the fight was real
