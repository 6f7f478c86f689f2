"""The platform started exactly as ``./dev up`` starts it (its own Postgres, Kafka and the
four service processes on free ports), for the end-to-end and the fault tests: one helper,
so both run the same platform and differ only in the settings they say. ``mode`` starts it
as ``./dev up --brokers N --instances M`` does (a Kafka cluster, the balancer, Redis);
``tracing`` as ``./dev up --tracing`` (Jaeger, every service exporting its spans to it)."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import httpx

from devstack import Mode, Stack

# Every test calls from 127.0.0.1: the anonymous rate limits (tested on their own in
# services/gateway/tests) are lifted so a suite measures behaviour, not its own speed.
NO_ANONYMOUS_LIMITS = {
    "GATEWAY_RATE_PER_ANONYMOUS_CLIENT": "100000",
    "GATEWAY_BURST_PER_ANONYMOUS_CLIENT": "100000",
    "GATEWAY_RATE_ANONYMOUS_SUBMIT": "100000",
    "GATEWAY_BURST_ANONYMOUS_SUBMIT": "100000",
}


@contextmanager
def running_platform(
    state: Path,
    settings: Mapping[str, str],
    *,
    mode: Mode | None = None,
    tracing: bool = False,
) -> Iterator[Stack]:
    """Start the platform in ``state`` (no demo data) and stop it afterwards, pass or fail."""
    platform = Stack(
        state,
        any_free_ports=True,
        settings={**NO_ANONYMOUS_LIMITS, **settings},
        mode=mode,
        tracing=tracing,
    )
    try:
        platform.up(demo=False)
        yield platform
    finally:
        platform.down()
        shutil.rmtree(platform.postgres.data_dir.parent, ignore_errors=True)


def admin_key_of(platform: Stack) -> str:
    return Path(platform.state_dir / "admin.key").read_text().strip()


@asynccontextmanager
async def gateway_client(
    platform: Stack, *, max_connections: int = 100, request_timeout: float = 15
) -> AsyncIterator[httpx.AsyncClient]:
    limits = httpx.Limits(max_connections=max_connections)
    async with httpx.AsyncClient(
        base_url=platform.url("gateway"), timeout=request_timeout, limits=limits
    ) as client:
        yield client
