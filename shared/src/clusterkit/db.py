"""Async SQLAlchemy engine and sessions, and the MetaData every service's tables hang on."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import MetaData, func, select, text
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

# Stable constraint names, so Alembic migrations can name what they alter or drop.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def service_metadata(schema: str) -> MetaData:
    """MetaData for one service: every table in the service's own schema, names by convention."""
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value, default=str).decode()


class Database:
    """One engine and session factory per process.

    ``pool_pre_ping`` checks a pooled connection before use, so after a Postgres restart the
    first request gets a fresh connection instead of a 503 on a dead one; while Postgres is
    away, requests answer 503 (see ``problems``) and the service recovers by itself.
    """

    def __init__(self, url: str, *, pool_size: int = 10, bind: AsyncConnection | None = None):
        self.url = url
        if bind is not None:
            # Tests: every session joins the caller's open transaction through savepoints,
            # and the caller rolls it back at the end.
            self.engine: AsyncEngine = bind.engine
            self.sessions = async_sessionmaker(
                bind=bind, expire_on_commit=False, join_transaction_mode="create_savepoint"
            )
            return
        self.engine = create_async_engine(
            url,
            pool_size=pool_size,
            max_overflow=pool_size,
            pool_timeout=5,
            pool_pre_ping=True,
            json_serializer=_json_dumps,
            json_deserializer=orjson.loads,
            connect_args={"timeout": 5, "command_timeout": 30},
        )
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> AsyncSession:
        return self.sessions()

    async def ping(self) -> None:
        """Raise if Postgres cannot answer ``SELECT 1`` right now."""
        async with self.sessions() as session:
            await session.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


async def database_now(session: AsyncSession) -> datetime:
    """The database's clock, read once per change so its rows and events carry one time."""
    now = await session.scalar(select(func.statement_timestamp()))
    assert isinstance(now, datetime)
    return now
