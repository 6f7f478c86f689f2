"""One asyncpg connection pool per process, and the two ways to use it.

``transaction()`` for a unit of work; ``connection()`` for reading, with no transaction (no
BEGIN/ROLLBACK round trips: under READ COMMITTED every statement takes its own snapshot
anyway). Connections are handed out in the order they were asked for (a fair semaphore in
front of the pool: asyncpg's own queue lets a newcomer take a connection from a waiter it
just woke, 0020); the pool replaces one the server closed (a Postgres restart) at checkout,
so a service recovers by itself; while Postgres is away the errors answer 503 (see
:mod:`clusterkit.problems`).

Tests bind a :class:`Database` to one connection inside a transaction that is rolled back at
the end: every ``transaction()`` is then a savepoint, taken one at a time.
"""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import asyncpg.transaction
import orjson

POOL_TIMEOUT_S = 5.0


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value, default=str).decode()


async def json_codecs(connection: asyncpg.Connection) -> None:
    """JSON and JSONB in and out as Python values, by orjson."""
    for type_ in ("json", "jsonb"):
        await connection.set_type_codec(
            type_, schema="pg_catalog", encoder=_json_dumps, decoder=orjson.loads
        )


async def _nothing_to_reset(connection: asyncpg.Connection) -> None:
    """A released connection needs no reset round trip: no service changes session state
    (no SET, LISTEN, session advisory locks or open cursors: locks are transaction-scoped,
    settings ``SET LOCAL``). asyncpg still rolls back a transaction left open itself."""


def driver_dsn(url: str) -> str:
    """A SQLAlchemy URL (``postgresql+asyncpg://``) as the DSN asyncpg takes."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


class Database:
    def __init__(self, url: str, *, pool_size: int = 10, bound: asyncpg.Connection | None = None):
        self.url = url
        self.pool_size = pool_size
        self._pool: asyncpg.Pool | None = None
        self._opening = asyncio.Lock()
        self._bound = bound
        self._bound_turn = asyncio.Lock()
        # One turn per connection, given in arrival order (asyncio's semaphore wakes its
        # first waiter with the turn reserved; a newcomer waits behind it).
        self._turns = asyncio.Semaphore(pool_size)

    @classmethod
    def bound_to(cls, connection: asyncpg.Connection) -> Database:
        """Tests: every use runs on ``connection``, inside the transaction it is in."""
        return cls("bound", bound=connection)

    async def _ready_pool(self) -> asyncpg.Pool:
        if self._pool is None:
            async with self._opening:
                if self._pool is None:
                    self._pool = await asyncpg.create_pool(
                        driver_dsn(self.url),
                        min_size=1,
                        max_size=self.pool_size,
                        timeout=POOL_TIMEOUT_S,
                        command_timeout=30,
                        init=json_codecs,
                        # Saves the default reset's round trip (``RESET ALL``, ``UNLISTEN *``,
                        # ...) on every release: one per request (0004).
                        reset=_nothing_to_reset,
                    )
        return self._pool

    def connection(self) -> _Lease:
        """``async with database.connection() as connection``: a connection of the pool,
        outside any transaction (for reading)."""
        return _Lease(self, transaction=False)

    def transaction(self) -> _Lease:
        """``async with database.transaction() as connection``: a connection in a
        transaction, committed if the block ends normally, rolled back if it raises."""
        return _Lease(self, transaction=True)

    async def ping(self) -> None:
        """Raise if Postgres cannot answer ``SELECT 1`` right now."""
        async with self.connection() as connection:
            await connection.fetchval("SELECT 1")

    async def dispose(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None


class _Lease:
    """A pool connection for one block, in a transaction or not.

    A class rather than generator-based context managers, and the pool's acquire without
    its own ``timeout`` (asyncpg runs that as ``wait_for``, a task per acquire) under one
    ``asyncio.timeout``: both showed in the profile of every request (0004).
    """

    __slots__ = ("_connection", "_database", "_in_transaction", "_transaction", "_turn")

    def __init__(self, database: Database, *, transaction: bool):
        self._database = database
        self._in_transaction = transaction
        self._transaction: asyncpg.transaction.Transaction | None = None
        self._connection: asyncpg.Connection | None = None
        self._turn = False

    async def __aenter__(self) -> asyncpg.Connection:
        database = self._database
        if database._bound is not None:
            await database._bound_turn.acquire()
            self._turn = True
            connection = database._bound
        else:
            async with asyncio.timeout(POOL_TIMEOUT_S):  # TimeoutError: answered 503
                await database._turns.acquire()
                self._turn = True
                try:
                    pool = database._pool or await database._ready_pool()
                    connection = await pool.acquire()
                except BaseException:
                    await self._release()
                    raise
        self._connection = connection
        if self._in_transaction:
            transaction = connection.transaction()
            try:
                await transaction.start()  # a savepoint when the connection is in one
            except BaseException:
                await self._release()
                raise
            self._transaction = transaction
        return connection

    async def __aexit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            if self._transaction is not None:
                if exc_type is None:
                    await self._transaction.commit()
                else:
                    await self._transaction.rollback()
        finally:
            await self._release()

    async def _release(self) -> None:
        database = self._database
        try:
            if (
                self._connection is not None
                and database._bound is None
                and database._pool is not None
            ):
                await database._pool.release(self._connection)
        finally:
            self._connection = None
            if self._turn:  # after the connection is back: the next in line finds it free
                self._turn = False
                (database._bound_turn if database._bound is not None else database._turns).release()
