"""Graceful shutdown, on uvicorn's and aiokafka's own mechanisms.

On SIGTERM an instance first fails readiness and keeps serving for a drain period (the
balancer's health checks and the gateways see it and stop sending); then uvicorn's graceful
shutdown stops accepting connections and finishes the in-flight requests within
``--timeout-graceful-shutdown``; then the app's lifespan ends: the outbox relay finishes its
batch and each consumer its own (offsets committed, and ``AIOKafkaConsumer.stop`` leaves
the group, so its partitions move at once rather than after the session timeout).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable, Coroutine
from types import FrameType
from typing import Any, cast

import uvicorn

from clusterkit.i18n import N_

log = logging.getLogger("clusterkit.shutdown")

# How long the relay and the consumers get to finish their batch at shutdown.
WORKERS_STOP_SECONDS = 10.0
SignalHandler = Callable[[int, FrameType | None], None]


# What /readyz says while draining (a msgid: said in the request's language).
DRAINING = N_("Shutting down: finishing the requests in hand, taking no new ones.")


class Drain:
    """Whether this instance is draining: it had SIGTERM and serves on for a while, failing
    readiness so that balancers and gateways stop sending to it."""

    def __init__(self) -> None:
        self.active = False

    def on_sigterm(self, seconds: float) -> bool:
        """Put a drain of ``seconds`` before uvicorn's graceful shutdown: on SIGTERM become
        active and go on serving, then hand the signal to uvicorn's handler. A second
        SIGTERM skips the rest of the drain. Installed only when this process runs a uvicorn
        server (tests that drive the app in-process have none); True if it was."""
        current = signal.getsignal(signal.SIGTERM)
        if seconds <= 0 or not isinstance(getattr(current, "__self__", None), uvicorn.Server):
            return False
        uvicorn_handler = cast(SignalHandler, current)
        loop = asyncio.get_running_loop()

        def drain_over() -> None:
            log.info("drain over, shutting down")
            uvicorn_handler(signal.SIGTERM, None)

        def on_sigterm(signum: int, frame: FrameType | None) -> None:
            if self.active:
                uvicorn_handler(signum, frame)
                return
            self.active = True
            # Python runs this between two bytecodes of the loop's thread: to the loop.
            loop.call_soon_threadsafe(loop.call_later, seconds, drain_over)
            log.info("SIGTERM: draining", extra={"drain_s": seconds})

        signal.signal(signal.SIGTERM, on_sigterm)
        return True


class Workers:
    """The background loops beside the API: started with the app, stopped at its end."""

    def __init__(self) -> None:
        self._stoppable: list[tuple[Callable[[], None], asyncio.Task[None]]] = []
        self._others: list[asyncio.Task[None]] = []

    @property
    def count(self) -> int:
        return len(self._stoppable) + len(self._others)

    def start(
        self,
        name: str,
        work: Coroutine[Any, Any, None],
        *,
        stop: Callable[[], None] | None = None,
    ) -> None:
        """Run ``work`` in a task; ``stop`` asks it to return after the work in hand (the
        relay's batch, a consumer's), otherwise it is cancelled at the end."""
        task = asyncio.create_task(_logged(name, work), name=name)
        if stop is None:
            self._others.append(task)
        else:
            self._stoppable.append((stop, task))

    async def stop(self, *, within: float = WORKERS_STOP_SECONDS) -> None:
        """Ask the stoppable workers to finish and wait for them (cancelled after
        ``within`` seconds); cancel the others at once."""
        for stop, _ in self._stoppable:
            stop()
        for task in self._others:
            task.cancel()
        waiting = [task for _, task in self._stoppable]
        if waiting:
            _, late = await asyncio.wait(waiting, timeout=within)
            for task in late:
                log.warning("worker did not stop in time", extra={"worker": task.get_name()})
                task.cancel()
        await asyncio.gather(*self._others, *waiting, return_exceptions=True)


async def _logged(name: str, work: Awaitable[None]) -> None:
    try:
        await work
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("background worker stopped", extra={"worker": name})
