"""A thin unit of work: one session, one transaction, events written to the outbox in it."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncSession

from clusterkit.db import Database
from clusterkit.events import CloudEvent
from clusterkit.outbox import Outbox


class UnitOfWork:
    """Collects a business change and its events; :meth:`commit` writes both atomically.

    Nothing is committed implicitly: leaving the block without ``commit()`` rolls back, so
    an endpoint commits before it answers and a failed commit is an error response, never a
    2xx for lost work.
    """

    session: AsyncSession
    _opened: AbstractAsyncContextManager[AsyncSession]

    def __init__(self, database: Database, outbox: Outbox):
        self._database = database
        self._outbox = outbox
        self._events: list[CloudEvent] = []

    async def __aenter__(self) -> UnitOfWork:
        self._opened = self._database.session()
        self.session = await self._opened.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._events.clear()
        await self._opened.__aexit__(exc_type, exc, tb)  # rolls back what was not committed

    def publish(self, event: CloudEvent) -> None:
        """Queue an event; it reaches the outbox with the next :meth:`commit`."""
        self._events.append(event)

    async def commit(self) -> None:
        await self._outbox.write(self.session, self._events)
        self._events.clear()
        await self.session.commit()
