"""Async SQLAlchemy engine and sessions, and the MetaData every service's tables hang on."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import MetaData, event, func, select, text
from sqlalchemy.exc import DisconnectionError
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
    """One engine and two session factories per process: ``session()`` for transactions,
    ``reader()`` for read-only endpoints.

    A pooled connection whose socket the server closed (a Postgres restart) is replaced at
    checkout, with no round trip (``pool_pre_ping`` would cost three per request: BEGIN, a
    ping, ROLLBACK). A connection that breaks in use invalidates the pool, so while Postgres
    is away requests answer 503 (see ``problems``) and the service recovers by itself.

    Sessions take turns, first come first served, before they reach the pool: the pool's
    own wait lets a newcomer take the connection a waiter was woken for, and under load
    some waiters then starve until they time out.
    """

    POOL_TIMEOUT_S = 5.0

    def __init__(self, url: str, *, pool_size: int = 10, bind: AsyncConnection | None = None):
        self.url = url
        self._turns: asyncio.Semaphore | None = None
        if bind is not None:
            # Tests: every session joins the caller's open transaction through savepoints,
            # and the caller rolls it back at the end.
            self.engine: AsyncEngine = bind.engine
            self.sessions = async_sessionmaker(
                bind=bind, expire_on_commit=False, join_transaction_mode="create_savepoint"
            )
            self.readers = self.sessions
            return
        self.engine = create_async_engine(
            url,
            # A fixed pool: overflow connections are closed on return, and opening one
            # per request under load (a Postgres backend each) costs more than waiting.
            pool_size=pool_size,
            max_overflow=0,
            pool_timeout=self.POOL_TIMEOUT_S,
            json_serializer=_json_dumps,
            json_deserializer=orjson.loads,
            connect_args={"timeout": 5, "command_timeout": 30},
        )
        self._turns = asyncio.Semaphore(pool_size)  # fair: waiters go in order
        event.listen(self.engine.sync_engine, "checkout", _replace_closed)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # Under READ COMMITTED every statement of a transaction takes its own snapshot, so a
        # read-only endpoint loses nothing without one and saves BEGIN and ROLLBACK.
        self.readers = async_sessionmaker(
            self.engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False
        )

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        if self._turns is None:  # tests: one shared connection
            yield
            return
        async with asyncio.timeout(self.POOL_TIMEOUT_S):  # TimeoutError: answered as 503
            await self._turns.acquire()
        try:
            yield
        finally:
            self._turns.release()

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction: commit what it writes, or it is rolled back."""
        async with self._turn(), self.sessions() as session:
            yield session

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[AsyncSession]:
        """A session whose statements run without a transaction: for reading only."""
        async with self._turn(), self.readers() as session:
            yield session

    async def ping(self) -> None:
        """Raise if Postgres cannot answer ``SELECT 1`` right now."""
        async with self.reader() as session:
            await session.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


def _replace_closed(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    if record.driver_connection.is_closed():
        raise DisconnectionError("the server closed this connection")  # the pool retries


async def database_now(session: AsyncSession) -> datetime:
    """The database's clock, read once per change so its rows and events carry one time."""
    now = await session.scalar(select(func.statement_timestamp()))
    assert isinstance(now, datetime)
    return now
