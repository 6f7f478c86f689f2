"""The one way to write: a unit of work is one transaction, who asked for it, the
database's clock, and the events it publishes.

A service's use case is a plain ``async def`` taking a :class:`UnitOfWork` first. It runs
compiled statements on ``uow`` (see :mod:`clusterkit.sql`), reads ``await uow.now()`` (the
transaction's time: one clock for the rows it writes and the events it publishes) and calls
``uow.publish(event)``; the events reach the outbox in the same transaction, just before
it commits. :class:`Transactions` runs use cases: it commits before the caller answers, so
a failed commit is an error answer, never a 2xx for lost work, and it retries a use case
the database refused for a deadlock or a serialization failure (bounded, with jitter).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Concatenate, ParamSpec, TypeVar

import asyncpg
from sqlalchemy import func, select

from clusterkit import errors
from clusterkit.auth import ANONYMOUS, Caller
from clusterkit.database import Database
from clusterkit.events import CloudEvent
from clusterkit.i18n import N_
from clusterkit.outbox import Outbox
from clusterkit.sql import SQL, Query

log = logging.getLogger("clusterkit.unit_of_work")

P = ParamSpec("P")
T = TypeVar("T")

NOW = Query(select(func.now()))
# SQLSTATEs after which the same transaction, run again, may well succeed.
RETRYABLE = (asyncpg.DeadlockDetectedError, asyncpg.SerializationError)
ATTEMPTS = 4


class UnitOfWork(SQL):
    """One transaction's connection, its caller, its clock and its events."""

    def __init__(self, connection: asyncpg.Connection, *, caller: Caller, outbox: Outbox | None):
        super().__init__(connection)
        self.caller = caller
        self._outbox = outbox
        self._now: datetime | None = None
        self.events: list[CloudEvent] = []

    async def now(self) -> datetime:
        """The transaction's time (Postgres ``now()``), read once."""
        if self._now is None:
            self._now = await self.value(NOW)
        assert self._now is not None
        return self._now

    def knows_now(self, value: datetime) -> None:
        """The transaction's time, as a statement returned it (``now()`` in a RETURNING):
        spares the round trip of :meth:`now`."""
        self._now = value

    def publish(self, event: CloudEvent) -> None:
        """Queue an event; it is written to the outbox when the work is done, in this
        transaction."""
        if self._outbox is None:
            raise RuntimeError("this service has no outbox to publish to")
        self.events.append(event)

    async def flush(self) -> None:
        """Write the queued events to the outbox (called before commit)."""
        if self.events:
            assert self._outbox is not None
            await self._outbox.write(self, self.events)
            self.events = []


class Transactions:
    """Runs use cases, each in a transaction of its own: what an endpoint or a worker holds
    to write."""

    def __init__(self, database: Database, outbox: Outbox | None, caller: Caller = ANONYMOUS):
        self.database = database
        self.outbox = outbox
        self.caller = caller

    async def __call__(
        self,
        work: Callable[Concatenate[UnitOfWork, P], Awaitable[T]],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """``await write(service.submit_application, submission=...)``: run it, commit, and
        return what it returned. Retried from the start after a deadlock or a
        serialization failure; :class:`clusterkit.errors.Busy` if that persists."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                async with self.database.transaction() as connection:
                    uow = UnitOfWork(connection, caller=self.caller, outbox=self.outbox)
                    result = await work(uow, *args, **kwargs)
                    await uow.flush()
                return result
            except RETRYABLE as exc:
                if attempt == ATTEMPTS:
                    log.warning("giving up on a unit of work", extra={"error": repr(exc)})
                    raise errors.Busy(
                        N_("The change met concurrent changes and was not made; send it again.")
                    ) from exc
                # Jitter, so the transactions that met do not meet again.
                await asyncio.sleep(random.uniform(0.005, 0.025) * attempt)  # noqa: S311
        raise AssertionError("unreachable")
