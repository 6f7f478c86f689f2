"""A fresh schema per test, with an outbox, an inbox and a small business table."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, Text, func, select
from sqlalchemy.ext.asyncio import create_async_engine

from clusterkit.consumer import Inbox
from clusterkit.database import Database
from clusterkit.infra.postgres import PostgresCluster
from clusterkit.outbox import Outbox
from clusterkit.provisioning import provision
from clusterkit.sql import SQL, Query, service_metadata
from clusterkit.testing import unique


@dataclass
class Schema:
    name: str
    url: str
    database: Database
    metadata: MetaData
    outbox: Outbox
    inbox: Inbox
    things: Table


@pytest.fixture(scope="session")
async def kit_database(postgres_cluster: PostgresCluster) -> str:
    name = unique("kit_test").replace("-", "_")
    await provision(postgres_cluster.admin_dsn, name, {})
    return name


@pytest.fixture
async def schema(
    postgres_cluster: PostgresCluster, kit_database: str, kafka_topic: str
) -> AsyncIterator[Schema]:
    role = unique("kit").replace("-", "_")
    password = secrets.token_urlsafe(12)
    await provision(postgres_cluster.admin_dsn, kit_database, {role: password})
    metadata = service_metadata(role)
    outbox = Outbox(metadata, topic=kafka_topic)
    inbox = Inbox(metadata)
    things = Table("things", metadata, Column("id", Text, primary_key=True), Column("n", Integer))
    url = postgres_cluster.url(role, password, kit_database)
    engine = create_async_engine(url)  # the DDL, as a migration would make it
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    await engine.dispose()
    database = Database(url, pool_size=4)
    yield Schema(role, url, database, metadata, outbox, inbox, things)
    await database.dispose()


async def things(schema: Schema) -> dict[str, int]:
    """The things table as {id: n}."""
    async with schema.database.connection() as connection:
        rows = await SQL(connection).fetch(Query(select(schema.things)))
    return {row["id"]: row["n"] for row in rows}


async def count(schema: Schema, table: Table) -> int:
    async with schema.database.connection() as connection:
        found = await SQL(connection).value(Query(select(func.count()).select_from(table)))
    return int(found)
