"""Membership events become organisations, once each, through a real broker."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from aiokafka import AIOKafkaProducer
from sqlalchemy import delete, insert, select

from clusterkit.app import ServiceRuntime
from clusterkit.auth import InternalTokens
from clusterkit.db import Database
from clusterkit.events import CloudEvent
from clusterkit.infra.kafka import KafkaBroker
from clusterkit.kafka import KafkaProbe
from clusterkit.testing import TestDatabase, eventually
from production.consumers import (
    MEMBER_ADMITTED,
    MEMBER_SUSPENDED,
    MEMBER_UPDATED,
    membership_projection,
)
from production.models import inbox, organisations
from production.settings import ProductionSettings


def member_event(type_: str, member_id: uuid.UUID, **data: object) -> CloudEvent:
    return CloudEvent(
        type=type_,
        source="/coppercluster/membership",
        subject=str(member_id),
        data={"member_id": str(member_id), **data},
    )


def admitted(member_id: uuid.UUID, name: str) -> CloudEvent:
    return member_event(
        MEMBER_ADMITTED,
        member_id,
        application_id=str(uuid.uuid4()),
        legal_name=name,
        stir="305112233",
        region="UZ-TO",
        sectors=["cable_wire"],
        cathode_quota_tpy="10.000",
        status="active",
        admitted_at=datetime.now(UTC).isoformat(),
    )


async def test_member_events_are_projected_once_each_in_order(
    platform_database: TestDatabase, kafka_broker: KafkaBroker, kafka_topic: str
) -> None:
    settings = ProductionSettings(
        environment="test",
        membership_events_topic=kafka_topic,
        kafka_bootstrap_servers=kafka_broker.bootstrap_servers,
    )
    database = Database(platform_database.url("production"), pool_size=2)
    runtime = ServiceRuntime(
        "production",
        settings,
        database.pool,
        database,
        InternalTokens("x" * 32),
        KafkaProbe(kafka_broker.bootstrap_servers),
    )
    member_id = uuid.uuid4()
    first = admitted(member_id, "Olmaliq Kabel Zavodi LLC")
    renamed = member_event(
        MEMBER_UPDATED,
        member_id,
        legal_name="Olmaliq Kabel JSC",
        region="UZ-TK",
        sectors=["cable_wire", "pipes"],
        changed=["legal_name"],
        version=2,
        occurred_at=datetime.now(UTC).isoformat(),
    )
    suspended = member_event(
        MEMBER_SUSPENDED,
        member_id,
        status="suspended",
        reason="overdue",
        until=None,
        occurred_at=datetime.now(UTC).isoformat(),
    )

    producer = AIOKafkaProducer(bootstrap_servers=kafka_broker.bootstrap_servers)
    await producer.start()
    for event in (first, first, renamed, suspended, renamed):  # copies are redeliveries
        await producer.send_and_wait(
            kafka_topic, event.kafka_value(), key=event.key, headers=event.kafka_headers()
        )
    await producer.stop()

    consumer = membership_projection(runtime)
    assert consumer.group_id == "production.membership-projection"
    task = asyncio.create_task(consumer.run())
    try:

        async def handled() -> bool:
            async with database.session() as session:
                found = await session.scalar(
                    select(inbox.table.c.event_id).where(inbox.table.c.event_id == suspended.id)
                )
            return found is not None

        await eventually(handled)
        await asyncio.sleep(1)  # time for the last redelivered copy to be (not) applied
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    async with database.session() as session:
        rows = (
            await session.execute(select(organisations).where(organisations.c.id == member_id))
        ).all()
    await database.dispose()
    assert len(rows) == 1
    row = rows[0]
    assert (row.kind, row.legal_name, row.region) == ("member", "Olmaliq Kabel JSC", "UZ-TK")
    assert row.sectors == ["cable_wire", "pipes"]
    assert row.status == "suspended"  # the late copy of "renamed" did not undo it


async def test_organisations_list_is_public_filtered_and_paged_by_cursor(
    client: httpx.AsyncClient, db: Database, as_role: Callable[..., dict[str, str]]
) -> None:
    now = datetime.now(UTC)
    async with db.legacy.session() as session:
        # Other tests commit organisations; this transaction hides them and is rolled back.
        await session.execute(delete(organisations))
        await session.execute(
            insert(organisations),
            [
                {
                    "id": uuid.uuid4(),
                    "kind": "member",
                    "legal_name": f"Member {i:02d}",
                    "stir": f"30000000{i}",
                    "region": "UZ-TO",
                    "sectors": ["pipes"],
                    "status": "active",
                    "updated_at": now,
                }
                for i in range(5)
            ]
            + [
                {
                    "id": uuid.uuid4(),
                    "kind": "producer",
                    "legal_name": "Almalyk MMC",
                    "stir": "202328794",
                    "region": "UZ-TO",
                    "sectors": ["pipes"],
                    "status": "active",
                    "updated_at": now,
                }
            ],
        )
        await session.commit()

    url = "/api/v1/production/organisations"
    names: list[str] = []
    cursor = None
    for _ in range(5):
        params = {
            "kind": "member",
            "status": "active",
            "limit": "2",
            **({"cursor": cursor} if cursor else {}),
        }
        page = (await client.get(url, params=params, headers=as_role())).json()
        names += [item["legal_name"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert names == [f"Member {i:02d}" for i in range(5)]

    producers = (await client.get(url, params={"kind": "producer"}, headers=as_role())).json()
    assert [o["legal_name"] for o in producers["items"]] == ["Almalyk MMC"]
    bad = await client.get(url, params={"cursor": "garbage!"}, headers=as_role())
    assert bad.status_code == 400
    assert bad.headers["content-type"] == "application/problem+json"
    assert (await client.get(url, params={"limit": "0"}, headers=as_role())).status_code == 422
