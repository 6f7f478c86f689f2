"""Fault tests: a platform of their own, started as ``./dev up`` starts it (its own Postgres,
Kafka and four service processes on free ports), apart from the e2e stack because these
tests kill its broker, its services and its database."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest

from devstack import Stack

# The figures the fault tests measure, repeated at the end of the run (pytest keeps a
# passing test's output to itself).
FIGURES: list[str] = []


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    state = tmp_path_factory.mktemp("fault-stack")
    settings = {
        # The load comes from 127.0.0.1 alone: lift the anonymous rate limits.
        "GATEWAY_RATE_PER_ANONYMOUS_CLIENT": "100000",
        "GATEWAY_BURST_PER_ANONYMOUS_CLIENT": "100000",
        "GATEWAY_RATE_ANONYMOUS_SUBMIT": "100000",
        "GATEWAY_BURST_ANONYMOUS_SUBMIT": "100000",
        # A killed upstream opens the gateway's breaker; retry it after 2 s, not 10 s, so
        # recovery after a restart is measured in seconds.
        "GATEWAY_BREAKER_COOLDOWN_SECONDS": "2",
    }
    platform = Stack(state, any_free_ports=True, settings=settings)
    try:
        platform.up(demo=False)
        yield platform
    finally:
        platform.down()
        shutil.rmtree(platform.postgres.data_dir.parent, ignore_errors=True)


@pytest.fixture(scope="module")
def admin_key(stack: Stack) -> str:
    return Path(stack.state_dir / "admin.key").read_text().strip()


@pytest.fixture
async def gateway(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    limits = httpx.Limits(max_connections=50)
    async with httpx.AsyncClient(base_url=stack.url("gateway"), timeout=15, limits=limits) as c:
        yield c


@pytest.fixture
def report() -> Callable[[str], None]:
    """Print a figure now (``-s``) and again in the run's summary."""

    def add(line: str) -> None:
        print(line)
        FIGURES.append(line)

    return add


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("fault test figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
