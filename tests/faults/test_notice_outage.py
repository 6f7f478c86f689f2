"""Notices through faults, on real processes: the mail server (Mailpit) down for five
minutes under a stream of applications, and the notifier (the gateway) killed while it
sends. Every notice arrives once the server is back, and none arrives twice."""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Callable

import httpx
from topology import GATEWAY

from clusterkit.testing import eventually
from devstack import Stack

APPLICATIONS = "/api/v1/membership/applications"
Report = Callable[[str], None]


def application(tag: str, i: int) -> dict[str, object]:
    return {
        "legal_name": f"{tag} {i} LLC",
        "stir": f"{random.randrange(10**8, 10**9)}",
        "region": "UZ-TO",
        "sectors": ["cable_wire"],
        "planned_products": [],
        "requested_cathode_tpy": "100",
        "contact": {"name": "Fault Test", "email": f"{i}@{tag}.uz", "phone": "+998 70 000 00 00"},
        "proposal": "A fault test's application.",
    }


def receipts(stack: Stack, tag: str) -> Counter[str]:
    """How many receipts each of the test's applicants received."""
    return Counter(
        address
        for address, subject in stack.mail.recipients()
        if address.endswith(f"@{tag}.uz") and subject.startswith("We received")
    )


async def submit_all(
    gateway: httpx.AsyncClient, tag: str, count: int, rate: float
) -> tuple[set[str], Counter[str]]:
    """``count`` applications at ``rate`` a second: the addresses answered 201, and what
    failed."""
    acked: set[str] = set()
    failed: Counter[str] = Counter()

    async def one(i: int) -> None:
        try:
            answer = await gateway.post(APPLICATIONS, json=application(tag, i))
        except httpx.HTTPError as exc:
            failed[type(exc).__name__] += 1
            return
        if answer.status_code == 201:
            acked.add(f"{i}@{tag}.uz")
        else:
            failed[str(answer.status_code)] += 1

    tasks = []
    for i in range(count):
        tasks.append(asyncio.create_task(one(i)))
        await asyncio.sleep(1 / rate)
    await asyncio.gather(*tasks)
    return acked, failed


async def test_smtp_down_for_five_minutes_under_load_delays_every_notice_and_loses_none(
    gateway: httpx.AsyncClient, stack: Stack, report: Report
) -> None:
    tag, rate, before, down_for = f"smtp{random.randrange(10**6)}", 2.0, 10.0, 300.0
    sending = asyncio.create_task(submit_all(gateway, tag, int(rate * (before + down_for)), rate))
    await asyncio.sleep(before)
    stack.mail.kill()
    await asyncio.sleep(down_for)
    stack.mail.start()
    back = time.monotonic()
    acked, failed = await sending

    async def all_arrived() -> bool:
        return set(await asyncio.to_thread(receipts, stack, tag)) >= acked

    await eventually(all_arrived, within=180, every=2)
    drained = time.monotonic() - back
    await asyncio.sleep(5)  # a late second copy would show now
    arrived = receipts(stack, tag)
    twice = {address: n for address, n in arrived.items() if n > 1}
    report(
        f"SMTP down {down_for:.0f} s under {rate:.0f} submits/s: {len(acked)} acknowledged "
        f"(failed {dict(failed) or 0}), {sum(arrived.values())} receipts arrived, "
        f"{len(twice)} twice, all in {drained:.0f} s after the server was back"
    )
    assert not failed
    assert set(arrived) == acked
    assert not twice


async def test_a_notifier_killed_while_it_sends_sends_nothing_twice(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack, report: Report
) -> None:
    tag = f"kill{random.randrange(10**6)}"
    acked, failed = await submit_all(gateway, tag, 150, 50.0)
    assert not failed

    async def some_sent() -> bool:
        return len(await asyncio.to_thread(receipts, stack, tag)) >= 10

    await eventually(some_sent, within=60, every=0.2)
    stack.kill_service(GATEWAY)  # the notifier runs in the gateway: killed mid-batch
    at_kill = len(receipts(stack, tag))
    stack.start_service(GATEWAY)

    admin = {"Authorization": f"Bearer {admin_key}"}

    async def settled() -> bool:
        letters = await gateway.get("/api/v1/notices/dead-letters", headers=admin)
        in_doubt = {
            item["recipient"]
            for item in letters.json()["items"]
            if "in doubt" in (item["last_error"] or "")
        }
        arrived = await asyncio.to_thread(receipts, stack, tag)
        return len(arrived) + len(in_doubt) >= len(acked)

    await eventually(settled, within=240, every=2)
    await asyncio.sleep(5)
    arrived = receipts(stack, tag)
    twice = {address: n for address, n in arrived.items() if n > 1}
    report(
        f"notifier killed after {at_kill} of {len(acked)} receipts: {len(arrived)} arrived, "
        f"{len(acked) - len(arrived)} in doubt (dead letters, none resent), {len(twice)} twice"
    )
    assert not twice
    assert len(acked) - len(arrived) <= 1  # at most the one being sent when it was killed
