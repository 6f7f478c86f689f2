from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.ext.asyncio import create_async_engine

from clusterkit.db import Database
from clusterkit.infra.postgres import PostgresCluster
from clusterkit.provisioning import provision


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
        db = cls(cluster, unique("cluster_test").replace("-", "_"),
                 {role: secrets.token_urlsafe(16) for role in roles})
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
async def bind_rollback_database(url: str) -> AsyncIterator[Database]:
    """A :class:`Database` whose sessions all run inside one transaction that is rolled
    back at the end: commits inside become savepoints, the test leaves nothing behind."""
    engine = create_async_engine(url, pool_size=2)
    try:
        async with engine.connect() as connection:
            transaction = await connection.begin()
            try:
                yield Database(url, bind=connection)
            finally:
                await transaction.rollback()
    finally:
        await engine.dispose()
