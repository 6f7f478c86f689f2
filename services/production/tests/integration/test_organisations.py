"""Organisations: membership events become organisations, once each, through a real
broker; the list of them is public, filtered and paged by cursor."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from aiokafka import AIOKafkaProducer
from sqlalchemy import Uuid, bindparam, select

from clusterkit.database import Database
from clusterkit.events import CloudEvent
from clusterkit.infra.kafka import KafkaBroker
from clusterkit.member_projection import MEMBER_ADMITTED, MEMBER_SUSPENDED, MEMBER_UPDATED
from clusterkit.sql import SQL, Query
from clusterkit.testing import TestDatabase, eventually
from production.organisations.projection import GROUP_ID, projection_consumer
from production.settings import ProductionSettings
from production.tables import inbox, organisations

from ..conftest import FORGET_ORGANISATIONS, add_organisations, organisation, run

HANDLED = Query(
    select(inbox.table.c.event_id).where(inbox.table.c.event_id == bindparam("event_id"))
)
ORGANISATION = Query(select(organisations).where(organisations.c.id == bindparam("id", type_=Uuid)))


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

    consumer = projection_consumer(database, settings)
    assert consumer.group_id == GROUP_ID == "production.membership-projection"
    task = asyncio.create_task(consumer.run())
    try:

        async def handled() -> bool:
            async with database.connection() as connection:
                return await SQL(connection).value(HANDLED, event_id=suspended.id) is not None

        await eventually(handled)
        await asyncio.sleep(1)  # time for the last redelivered copy to be (not) applied
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    async with database.connection() as connection:
        rows = await SQL(connection).fetch(ORGANISATION, id=member_id)
    await database.dispose()
    assert len(rows) == 1
    row = rows[0]
    assert (row["kind"], row["legal_name"]) == ("member", "Olmaliq Kabel JSC")
    assert row["region"] == "UZ-TK"
    assert row["sectors"] == ["cable_wire", "pipes"]
    assert row["status"] == "suspended"  # the late copy of "renamed" did not undo it


async def test_organisations_list_is_public_filtered_and_paged_by_cursor(
    client: httpx.AsyncClient, db: Database, as_role: Callable[..., dict[str, str]]
) -> None:
    await run(db, FORGET_ORGANISATIONS)
    await add_organisations(
        db,
        *(organisation(f"Member {i:02d}") for i in range(5)),
        organisation("Almalyk MMC", kind="producer"),
        organisation("Member 99 (suspended)", status="suspended"),
    )

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
    assert set(producers["items"][0]) == {
        "id",
        "kind",
        "legal_name",
        "stir",
        "region",
        "sectors",
        "status",
        "updated_at",
    }
    suspended = (await client.get(url, params={"status": "suspended"}, headers=as_role())).json()
    assert [o["legal_name"] for o in suspended["items"]] == ["Member 99 (suspended)"]
    by_stir = await client.get(url, params={"stir": "300000001", "limit": "1"}, headers=as_role())
    assert by_stir.json()["next_cursor"] is not None
    bad = await client.get(url, params={"cursor": "garbage!"}, headers=as_role())
    assert bad.status_code == 400
    assert bad.headers["content-type"] == "application/problem+json"
    assert (await client.get(url, params={"limit": "0"}, headers=as_role())).status_code == 422
