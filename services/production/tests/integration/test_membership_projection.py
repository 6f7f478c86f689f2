"""Membership events become organisations, once each, through a real broker."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from aiokafka import AIOKafkaProducer
from sqlalchemy import insert, select

from clusterkit.app import ServiceRuntime
from clusterkit.auth import InternalTokens
from clusterkit.db import Database
from clusterkit.events import CloudEvent
from clusterkit.infra.kafka import KafkaBroker
from clusterkit.kafka import KafkaProbe
from clusterkit.testing import TestDatabase, eventually
from production.consumers import APPLICATION_SUBMITTED, membership_projection
from production.models import inbox, organisations
from production.settings import ProductionSettings


def submitted(application_id: uuid.UUID, name: str) -> CloudEvent:
    return CloudEvent(
        type=APPLICATION_SUBMITTED,
        source="/coppercluster/membership",
        subject=str(application_id),
        data={
            "application_id": str(application_id),
            "legal_name": name,
            "stir": "305112233",
            "region": "UZ-TO",
            "sectors": ["cable_wire"],
            "requested_cathode_tpy": "10.000",
            "submitted_at": datetime.now(UTC).isoformat(),
        },
    )


async def test_a_submitted_application_is_projected_once_even_if_redelivered(
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
        database,
        InternalTokens("x" * 32),
        KafkaProbe(kafka_broker.bootstrap_servers),
    )
    application_id = uuid.uuid4()
    event = submitted(application_id, "Olmaliq Kabel Zavodi LLC")

    producer = AIOKafkaProducer(bootstrap_servers=kafka_broker.bootstrap_servers)
    await producer.start()
    for _ in range(2):  # the second copy is a redelivery
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
                    select(inbox.table.c.event_id).where(inbox.table.c.event_id == event.id)
                )
            return found is not None

        await eventually(handled)
        await asyncio.sleep(1)  # give the redelivered copy time to be (not) applied
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    async with database.session() as session:
        rows = (
            await session.execute(select(organisations).where(organisations.c.id == application_id))
        ).all()
    await database.dispose()
    assert len(rows) == 1
    assert rows[0].kind == "member"
    assert rows[0].status == "applicant"
    assert rows[0].legal_name == "Olmaliq Kabel Zavodi LLC"


async def test_organisations_list_is_public_filtered_and_paged_by_cursor(
    client: httpx.AsyncClient, db: Database, as_role: Callable[..., dict[str, str]]
) -> None:
    now = datetime.now(UTC)
    status = f"s{uuid.uuid4().hex[:8]}"  # other tests commit organisations of their own
    async with db.session() as session:
        await session.execute(
            insert(organisations),
            [
                {
                    "id": uuid.uuid4(),
                    "kind": "member",
                    "legal_name": f"Member {i:02d}",
                    "stir": f"30000000{i}",
                    "region": "UZ-TO",
                    "status": status,
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
                    "status": status,
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
            "status": status,
            "limit": "2",
            **({"cursor": cursor} if cursor else {}),
        }
        page = (await client.get(url, params=params, headers=as_role())).json()
        names += [item["legal_name"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert names == [f"Member {i:02d}" for i in range(5)]

    producers = (
        await client.get(url, params={"kind": "producer", "status": status}, headers=as_role())
    ).json()
    assert [o["legal_name"] for o in producers["items"]] == ["Almalyk MMC"]
    bad = await client.get(url, params={"cursor": "garbage!"}, headers=as_role())
    assert bad.status_code == 400
    assert bad.headers["content-type"] == "application/problem+json"
    assert (await client.get(url, params={"limit": "0"}, headers=as_role())).status_code == 422
