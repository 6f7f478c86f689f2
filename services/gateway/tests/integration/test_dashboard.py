"""The dashboard's own reads of the feed: the front page lists the newest events by their
public labels only, and the live stream starts after the newest (the services' figures are
unreachable here, and the page still answers)."""

from __future__ import annotations

import uuid

import httpx

from clusterkit.database import Database
from gateway.dashboard import live

from ..conftest import event, store


async def test_the_front_page_shows_the_newest_events_without_their_subjects(
    client: httpx.AsyncClient, db: Database
) -> None:
    secret_subject = f"order-{uuid.uuid4()}"
    placed = event("supply.order.placed.v1", secret_subject, order_id=secret_subject)
    admitted = event("membership.member.admitted.v1", "m", member_id="m")
    await store(db, placed, admitted)
    page = await client.get("/", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    text = page.text
    assert text.index("A new member joined the cluster") < text.index("A supply order was placed")
    assert secret_subject not in text
    newest = await live.latest(db, limit=2)
    assert [e["type"] for e in newest] == ["membership.member.admitted", "supply.order.placed"]
    assert f'data-after="{newest[0]["position"]}"' in text
    uzbek = (await client.get("/")).text  # the pages' default language
    assert uzbek.index("Klasterga yangi aʼzo qoʻshildi") < uzbek.index(  # noqa: RUF001
        "Taʼminot buyurtmasi berildi"  # noqa: RUF001
    )
    assert await live.last_position(db) == newest[0]["position"]
    assert [e["position"] for e in await live.after(db, newest[1]["position"])] == [
        newest[0]["position"]
    ]
