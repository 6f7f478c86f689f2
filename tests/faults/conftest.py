"""Fault tests: a platform of their own, started as ``./dev up`` starts it (its own Postgres,
Kafka and four service processes on free ports), apart from the e2e stack because these
tests kill its broker, its services and its database."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest

from devstack import Stack
from platform_stack import admin_key_of, gateway_client, running_platform

# The figures the fault tests measure, repeated at the end of the run (pytest keeps a
# passing test's output to itself).
FIGURES: list[str] = []


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    # A killed upstream opens the gateway's breaker; retry it after 2 s, not 10 s, so
    # recovery after a restart is measured in seconds.
    settings = {
        "GATEWAY_BREAKER_COOLDOWN_SECONDS": "2",
        # Notices (test_notice_outage): retried at most 10 s apart once the mail server is
        # back; a send cut off by a kill is a dead letter after 20 s, not 2 min.
        "GATEWAY_NOTICE_RETRY_CAP_SECONDS": "10",
        "GATEWAY_NOTICE_IN_DOUBT_SECONDS": "20",
    }
    with running_platform(tmp_path_factory.mktemp("fault-stack"), settings) as platform:
        yield platform


@pytest.fixture(scope="module")
def admin_key(stack: Stack) -> str:
    return admin_key_of(stack)


@pytest.fixture
async def gateway(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with gateway_client(stack, max_connections=50) as client:
        yield client


def figures_file(run: int) -> Path:
    """Where a run's figures gather: the modules may run in workers of their own (xdist),
    whose parent process is the run's."""
    return Path(__file__).resolve().parents[2] / "test-artifacts" / f"fault-figures-{run}.txt"


def _run() -> int:
    return os.getppid() if os.environ.get("PYTEST_XDIST_WORKER") else os.getpid()


@pytest.fixture
def report() -> Callable[[str], None]:
    """Print a figure now (``-s``) and again in the run's summary."""

    def add(line: str) -> None:
        print(line)
        FIGURES.append(line)
        path = figures_file(_run())
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as figures:
            figures.write(line + "\n")

    return add


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    path = figures_file(os.getpid())
    lines = path.read_text().splitlines() if path.exists() else FIGURES
    path.unlink(missing_ok=True)
    if lines:
        terminalreporter.section("fault test figures")
        for line in lines:
            terminalreporter.write_line(line)


# The longest modules first: with two workers taking a module each as they come free, the
# run ends near the longest module's time instead of with it started last.
LONGEST_FIRST = (
    "test_notice_outage.py",
    "test_broker_kill.py",
    "test_platform_faults.py",
    "test_shared_limits.py",
    "test_rebalance.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
