"""End to end: the platform started exactly as ``./dev up`` starts it (its own Postgres,
Kafka and four service processes on free ports), driven over HTTP through the gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from devstack import Stack
from platform_stack import admin_key_of, gateway_client, running_platform


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests (the dashboard, its languages) and the OCDS export's run after the other
    end-to-end tests: they load the demo data, which test_thin_slice checks is loaded once,
    by itself first. The README's own commands run next, on the demo data as ./dev up leaves
    it. The fuzzer runs last of all: what it creates (applications, suppliers, keys) must not
    collide with what the other tests expect."""
    last = {
        "test_dashboard.py": 1,
        "test_languages.py": 1,
        "test_ocds.py": 1,
        "test_readme.py": 2,
        "test_fuzzing.py": 3,
    }
    items.sort(key=lambda item: last.get(item.path.name, 0))


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    settings = {
        # The webhook receivers of the tests listen on loopback, which the SSRF guard
        # refuses by default (tested on its own in services/gateway/tests).
        "GATEWAY_WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "true",
        "GATEWAY_WEBHOOK_RETRY_BASE_SECONDS": "0.2",
        # The admins told of new applications (tests/e2e/test_notices.py reads their mail).
        "GATEWAY_NOTICE_ADMIN_EMAILS": "reviewers@cluster.uz",
        "GATEWAY_NOTICE_RETRY_BASE_SECONDS": "0.5",
        "GATEWAY_NOTICE_RETRY_CAP_SECONDS": "2",
    }
    with running_platform(tmp_path_factory.mktemp("stack"), settings) as platform:
        yield platform


@pytest.fixture(scope="session")
def admin_key(stack: Stack) -> str:
    return admin_key_of(stack)


@pytest.fixture
async def gateway(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with gateway_client(stack) as client:
        yield client


@pytest.fixture(scope="session")
def demo(stack: Stack, admin_key: str) -> None:
    """The demo data, as ``./dev up`` loads it (the dashboard and the README's commands)."""
    from demo import load_demo_data

    load_demo_data(stack.url("gateway"), admin_key)  # 0 when already loaded
