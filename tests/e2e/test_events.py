"""The gateway's event feed on the running platform: events published by the services
through Kafka appear once, in order, scoped by role; the cursor resumes where it stopped."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from clusterkit.testing import eventually
from devstack import Stack

from .test_membership import issue_key
from .test_thin_slice import admit, bearer

FEED = "/api/v1/events"


async def read_on(
    gateway: httpx.AsyncClient, headers: dict[str, str], cursor: str | None, **params: Any
) -> tuple[list[dict[str, Any]], str | None]:
    seen: list[dict[str, Any]] = []
    for _ in range(200):
        page = await gateway.get(
            FEED,
            params={"limit": 100, **params, **({"cursor": cursor} if cursor else {})},
            headers=headers,
        )
        assert page.status_code == 200, page.text
        cursor = page.json()["next_cursor"]
        if not page.json()["items"]:
            break
        seen += page.json()["items"]
    return seen, cursor


async def test_the_feed_carries_each_published_event_once_and_in_order(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    admin = bearer(admin_key)
    everything, cursor = await read_on(gateway, admin, None)
    member = await admit(gateway, admin_key, "Feed Reader Wire LLC")
    seen: list[dict[str, Any]] = []

    async def arrived() -> bool:
        nonlocal cursor
        more, cursor = await read_on(gateway, admin, cursor)
        seen.extend(more)
        return len([e for e in seen if e["data"].get("member_id") == member]) >= 2

    await eventually(arrived, within=45)
    ids = [e["id"] for e in everything + seen]
    assert len(ids) == len(set(ids)), "an event came twice"
    mine = [e["type"].split(".", 3)[3] for e in seen if e["data"].get("member_id") == member]
    # Order holds per aggregate (Kafka key); these two are different aggregates.
    assert sorted(mine) == ["application.approved.v1", "member.admitted.v1"]

    as_member = bearer(await asyncio.to_thread(issue_key, stack, "member", member))
    own, _ = await read_on(gateway, as_member, None)
    assert own
    assert all(member in str(e["data"]) for e in own)
    procurement = bearer(await asyncio.to_thread(issue_key, stack, "procurement"))
    supply_only, _ = await read_on(gateway, procurement, None)
    assert all(e["type"].startswith("uz.coppercluster.supply.") for e in supply_only)
    assert (await gateway.get(FEED)).status_code == 401
