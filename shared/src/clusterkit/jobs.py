"""Jobs that run on a schedule beside the API (reminders, expiry notices).

Every instance of a service schedules its jobs; each turn is one unit of work that first
takes a transaction-scoped advisory lock named by the job, so one instance runs a turn at a
time and the others skip it. What a job must never do twice (a reminder sent, a notice
published) it records in the same transaction as a unique row, so a turn run again, or on
another instance after a crash, finds it done and publishes nothing twice.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, bindparam, func, select

from clusterkit.auth import Caller
from clusterkit.sql import Query
from clusterkit.unit_of_work import Transactions, UnitOfWork

if TYPE_CHECKING:
    from clusterkit.app import ServiceRuntime

log = logging.getLogger("clusterkit.jobs")

TRY_LOCK = Query(select(func.pg_try_advisory_xact_lock(bindparam("lock_id", type_=BigInteger))))

Turn = Callable[[UnitOfWork, Any], Awaitable[int]]


def lock_id(name: str) -> int:
    """A stable signed 64-bit advisory lock key for a job's name."""
    return int.from_bytes(hashlib.sha256(f"job:{name}".encode()).digest()[:8], "big", signed=True)


@dataclass(frozen=True)
class Job:
    """``Job("report-reminders", turn, every="reminder_check_seconds")``: ``turn(uow,
    settings)`` does what is due (with the service's settings) and returns how many things
    it did (for the log); ``every`` names the setting that says how often, in seconds."""

    name: str
    turn: Turn
    every: str

    @property
    def caller(self) -> Caller:
        # A job acts for the platform itself: rows it writes say ``job:<name>`` made them.
        return Caller(role="admin", key_id=f"job:{self.name}")

    async def run_once(self, transactions: Transactions, settings: Any) -> int | None:
        """One turn; None when another instance holds the job's lock."""

        async def locked_turn(uow: UnitOfWork) -> int | None:
            if not await uow.value(TRY_LOCK, lock_id=lock_id(self.name)):
                return None
            return await self.turn(uow, settings)

        return await transactions(locked_turn)

    def worker(self) -> Callable[[ServiceRuntime], Coroutine[Any, Any, None]]:
        """A worker for ``create_service_app(workers=...)``: a turn now, then one every
        ``settings.<every>`` seconds; a failed turn is logged and tried at the next."""

        async def run(runtime: ServiceRuntime) -> None:
            transactions = Transactions(runtime.database, runtime.outbox, self.caller)
            while True:
                try:
                    done = await self.run_once(transactions, runtime.settings)
                    if done:
                        log.info("job turn", extra={"job": self.name, "done": done})
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("job turn failed", extra={"job": self.name})
                await asyncio.sleep(float(getattr(runtime.settings, self.every)))

        return run
