"""Legacy: async SQLAlchemy sessions and ``CompiledQuery``, until every service runs on
:mod:`clusterkit.database` and :mod:`clusterkit.sql`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import asyncpg
import orjson
from sqlalchemy import event, func, select, text
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from clusterkit import database


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

    def __init__(
        self,
        url: str,
        *,
        pool_size: int = 10,
        bind: AsyncConnection | None = None,
        pool: database.Database | None = None,
    ):
        self.url = url
        self._turns: asyncio.Semaphore | None = None
        self._bind = bind
        self._pool_size = pool_size
        # The one asyncpg pool (clusterkit.database); these sessions are the legacy path.
        self.pool = pool or database.Database(url, pool_size=pool_size)
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

    @asynccontextmanager
    async def driver(self) -> AsyncIterator[asyncpg.Connection]:
        """An asyncpg connection of the process's pool, for ``CompiledQuery``."""
        async with self.pool.connection() as connection:
            yield connection

    async def dispose(self) -> None:
        await self.pool.dispose()
        await self.engine.dispose()


class CompiledQuery:
    """A hot read path: a SQLAlchemy Core statement compiled once per shape and run on the
    asyncpg connection directly, rows as asyncpg ``Record``s.

    For a one-query endpoint SQLAlchemy's per-call work (building the statement, its cache
    key, session, pooled connection, execution context, row objects) costs several times
    the query itself; the profile of ``GET /members`` put it at about half the request. So
    the endpoints read most often (the main lists) say *what* they ask with a Core
    statement, as everywhere else, and run it like hand-written SQL.

    ``build(present)`` makes the statement from the names of the parameters given (not
    None), each a ``bindparam`` of that name: optional filters make a few shapes, each
    compiled once. Parameters reach asyncpg as they are (UUID, date, Decimal, str, list):
    no SQLAlchemy bind processing, so keep to those types.
    """

    _dialect = asyncpg_dialect()  # type: ignore[no-untyped-call]

    def __init__(self, build: Callable[[frozenset[str]], ClauseElement]):
        self._build = build
        self._compiled: dict[frozenset[str], tuple[str, list[str], dict[str, Any]]] = {}

    def sql(self, present: frozenset[str]) -> tuple[str, list[str], dict[str, Any]]:
        """The SQL for a shape, the parameter names in ``$n`` order, and the values of the
        statement's own literals."""
        compiled = self._compiled.get(present)
        if compiled is None:
            statement = self._build(present).compile(dialect=self._dialect)
            assert isinstance(statement, SQLCompiler)
            names = list(statement.positiontup or ())
            compiled = self._compiled[present] = (statement.string, names, statement.params)
        return compiled

    async def rows(self, database: Database, **params: Any) -> list[asyncpg.Record]:
        given = {name: value for name, value in params.items() if value is not None}
        sql, names, literals = self.sql(frozenset(given))
        values = [given[name] if name in given else literals[name] for name in names]
        async with database.driver() as connection:
            rows: list[asyncpg.Record] = await connection.fetch(sql, *values)
        return rows


def like_escaped(text_value: str) -> str:
    """``text_value`` for a LIKE pattern with ``ESCAPE '/'``: its own % and _ match literally
    (what SQLAlchemy's ``autoescape`` does for a literal, here for a parameter)."""
    return text_value.replace("/", "//").replace("%", "/%").replace("_", "/_")


def _replace_closed(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    if record.driver_connection.is_closed():
        raise DisconnectionError("the server closed this connection")  # the pool retries


async def database_now(session: AsyncSession) -> datetime:
    """The database's clock, read once per change so its rows and events carry one time."""
    now = await session.scalar(select(func.statement_timestamp()))
    assert isinstance(now, datetime)
    return now
