"""End to end: the platform started exactly as ``./dev up`` starts it (its own Postgres,
Kafka and four service processes on free ports), driven over HTTP through the gateway."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from devstack import Stack


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests of the dashboard run after the other end-to-end tests: they load
    the demo data, which test_thin_slice checks is loaded once, by itself first. The fuzzer
    runs last of all: what it creates (applications, suppliers, keys) must not collide with
    what the other tests expect."""
    last = {"test_dashboard.py": 1, "test_fuzzing.py": 2}
    items.sort(key=lambda item: last.get(item.path.name, 0))


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    state = tmp_path_factory.mktemp("stack")
    # Every test calls from 127.0.0.1: lift the anonymous rate limits (tested on their own in
    # services/gateway/tests) so the suite measures behaviour, not its own speed.
    unlimited = {
        "GATEWAY_RATE_PER_ANONYMOUS_CLIENT": "100000",
        "GATEWAY_BURST_PER_ANONYMOUS_CLIENT": "100000",
        "GATEWAY_RATE_ANONYMOUS_SUBMIT": "100000",
        "GATEWAY_BURST_ANONYMOUS_SUBMIT": "100000",
        # The webhook receivers of the tests listen on loopback, which the SSRF guard
        # refuses by default (tested on its own in services/gateway/tests).
        "GATEWAY_WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "true",
        "GATEWAY_WEBHOOK_RETRY_BASE_SECONDS": "0.2",
    }
    platform = Stack(state, any_free_ports=True, settings=unlimited)
    try:
        platform.up(demo=False)
        yield platform
    finally:
        platform.down()
        shutil.rmtree(platform.postgres.data_dir.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def admin_key(stack: Stack) -> str:
    return Path(stack.state_dir / "admin.key").read_text().strip()


@pytest.fixture
async def gateway(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.url("gateway"), timeout=15) as client:
        yield client
