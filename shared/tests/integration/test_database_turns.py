"""A connection goes to the one that asked first (decision 0020), on a real Postgres."""

import asyncio

from clusterkit.database import Database

from .conftest import Schema


async def test_a_waiter_gets_the_connection_before_a_newcomer(schema: Schema) -> None:
    # asyncpg's queue wakes the first waiter when a connection comes back, but a task that
    # asks in between takes it, and the waiter goes to the back of the line.
    database = Database(schema.url, pool_size=1)
    order: list[str] = []
    holding = asyncio.Event()
    done = asyncio.Event()

    async def holder() -> None:
        async with database.connection():
            holding.set()
            await done.wait()
            # A newcomer that starts on the loop's turn in which the connection goes back
            # (asyncpg returns it in a task of its own): it asks before the woken waiter
            # has run again, as a request that just arrived does under load.
            asyncio.get_running_loop().call_soon(
                lambda: newcomers.append(asyncio.create_task(use("newcomer")))
            )

    async def use(name: str) -> None:
        async with database.connection() as connection:
            order.append(name)
            await connection.fetchval("SELECT 1")

    newcomers: list[asyncio.Task[None]] = []
    try:
        holder_task = asyncio.create_task(holder())
        await holding.wait()
        waiters = [asyncio.create_task(use(f"waiter {n}")) for n in range(3)]
        await asyncio.sleep(0.05)  # all three are waiting for the one connection
        done.set()
        await holder_task
        await asyncio.gather(*waiters, *newcomers)
    finally:
        await database.dispose()
    assert order == ["waiter 0", "waiter 1", "waiter 2", "newcomer"]


async def test_a_turn_not_taken_in_time_is_given_back(schema: Schema) -> None:
    database = Database(schema.url, pool_size=1)
    try:
        async with database.connection():
            waiting = asyncio.create_task(_use(database))
            await asyncio.sleep(0.05)
            waiting.cancel()  # as the 5 s timeout would
            await asyncio.gather(waiting, return_exceptions=True)
        # The cancelled waiter's turn did not leak: the one connection is still to be had.
        async with asyncio.timeout(2):
            assert await _use(database) == 1
    finally:
        await database.dispose()


async def _use(database: Database) -> int:
    async with database.connection() as connection:
        value: int = await connection.fetchval("SELECT 1")
        return value
