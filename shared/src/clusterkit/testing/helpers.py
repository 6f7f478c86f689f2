from __future__ import annotations

import asyncio
import contextlib
import secrets
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from aiokafka import AIOKafkaConsumer
from alembic import command
from alembic.config import Config
from sqlalchemy import select
from sqlalchemy.dialects import postgresql

from clusterkit import database
from clusterkit.contracts import EventContracts
from clusterkit.events import CloudEvent
from clusterkit.infra.postgres import PostgresCluster
from clusterkit.outbox import Outbox
from clusterkit.provisioning import provision
from clusterkit.sql import SQL, Query


def unique(prefix: str) -> str:
    """A name no other test uses (topics, groups, ids): tests never clean up each other."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@dataclass
class TestDatabase:
    """A database made for this test run, with one login role per service."""

    __test__ = False  # not a test class

    cluster: PostgresCluster
    name: str
    passwords: dict[str, str] = field(default_factory=dict)

    @classmethod
    async def create(cls, cluster: PostgresCluster, roles: Iterable[str]) -> TestDatabase:
        db = cls(
            cluster,
            unique("cluster_test").replace("-", "_"),
            {role: secrets.token_urlsafe(16) for role in roles},
        )
        await provision(cluster.admin_dsn, db.name, db.passwords)
        return db

    def url(self, role: str) -> str:
        return self.cluster.url(role, self.passwords[role], self.name)


async def migrate(alembic_ini: Path, url: str) -> None:
    """``alembic upgrade head`` for one service (in a thread: env.py runs its own loop)."""
    config = Config(str(alembic_ini))
    config.set_main_option("script_location", str(alembic_ini.parent / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    await asyncio.to_thread(command.upgrade, config, "head")


@asynccontextmanager
async def bind_rollback_database(url: str) -> AsyncIterator[database.Database]:
    """A :class:`clusterkit.database.Database` whose every use runs inside one transaction
    that is rolled back at the end: transactions inside become savepoints, the test leaves
    nothing behind."""
    connection = await asyncpg.connect(database.driver_dsn(url))
    try:
        await database.json_codecs(connection)
        transaction = connection.transaction()
        await transaction.start()
        try:
            yield database.Database.bound_to(connection)
        finally:
            await transaction.rollback()
    finally:
        await connection.close()


def internal_token_headers(
    secret: str, audience: str, role: str = "anonymous", organisation_id: str | None = None
) -> dict[str, str]:
    """Headers a call from the gateway would carry, for tests that call a service directly."""
    from clusterkit.auth import ROLES, Caller, InternalTokens

    assert role in ROLES
    caller = Caller(role=role, organisation_id=organisation_id)  # type: ignore[arg-type]
    return {"X-Internal-Token": InternalTokens(secret).mint(caller, audience=audience)}


async def eventually(
    check: Callable[[], Awaitable[bool]], *, within: float = 30, every: float = 0.1
) -> None:
    """Wait until ``check()`` is true: for effects of other processes (a relay, a consumer,
    a broker) that no in-process event announces. TimeoutError after ``within`` seconds."""
    async with asyncio.timeout(within):
        while not await check():  # noqa: ASYNC110 (polling another process's effect)
            await asyncio.sleep(every)


async def read_events(
    bootstrap_servers: str,
    topic: str,
    *,
    at_least: int,
    within: float = 30,
    settle: float = 1.0,
) -> list[CloudEvent]:
    """Read ``topic`` from the start with a fresh group until ``at_least`` events came (or
    ``within`` passed), then until nothing more comes for ``settle`` seconds, so late
    events and duplicates show."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap_servers,
        group_id=unique("reader"),
        auto_offset_reset="earliest",
    )
    await consumer.start()
    events: list[CloudEvent] = []

    async def take(timeout_ms: int) -> int:
        batches = await consumer.getmany(timeout_ms=timeout_ms)
        for records in batches.values():
            for record in records:
                event = CloudEvent.from_kafka(record.headers, record.value)
                assert record.key == event.key, "the Kafka key must be the aggregate id"
                events.append(event)
        return sum(len(records) for records in batches.values())

    try:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(within):
                while len(events) < at_least:
                    await take(500)
        # then until the topic has been quiet for ``settle`` seconds
        while await take(int(settle * 1000)):
            pass
    finally:
        await consumer.stop()
    return events


@asynccontextmanager
async def service_client(app: Any, name: str) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client that calls ``app`` in process (no lifespan: workers stay off)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=f"http://{name}") as client:
        yield client


async def outbox_events(
    db: database.Database, outbox: Outbox, contracts: EventContracts
) -> list[tuple[str, str, dict[str, Any]]]:
    """The events in a service's outbox as (type, subject, data), in order, each checked
    against its JSON Schema."""
    table = outbox.table
    query = Query(select(table.c.type, table.c.subject, table.c.data).order_by(table.c.position))
    async with db.connection() as connection:
        rows = await SQL(connection).fetch(query)
    for row in rows:
        contracts.validate(row["type"], row["data"])
    return [(row["type"], row["subject"], row["data"]) for row in rows]


async def read_rows(url: str, statement: Any) -> list[Any]:
    """Run one SQLAlchemy statement on its own connection, its values written into the SQL:
    for tests that look into a running service's schema (any statement, ``in_()`` lists
    included; never for service code, which runs :class:`clusterkit.sql.Query`)."""
    sql = str(
        statement.compile(
            dialect=postgresql.dialect(),  # type: ignore[no-untyped-call]
            compile_kwargs={"literal_binds": True},
        )
    )
    connection = await asyncpg.connect(database.driver_dsn(url))
    try:
        return list(await connection.fetch(sql))
    finally:
        await connection.close()
