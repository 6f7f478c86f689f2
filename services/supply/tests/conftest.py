from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Any

import httpx
import pytest

from clusterkit.database import Database
from clusterkit.testing import (
    TestDatabase,
    bind_rollback_database,
    internal_token_headers,
    outbox_events,
    service_client,
)
from supply.events import contracts
from supply.main import create_app
from supply.models import outbox
from supply.settings import SupplySettings

SECRET = "supply-tests-secret-supply-tests-secret"


@pytest.fixture
async def db(platform_database: TestDatabase) -> AsyncIterator[Database]:
    """The supply schema inside a transaction rolled back after the test."""
    async with bind_rollback_database(platform_database.url("supply")) as database:
        yield database


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    settings = SupplySettings(
        environment="test",
        run_workers=False,
        internal_token_secret=SECRET,  # type: ignore[arg-type]
    )
    async with service_client(create_app(settings, database=db), "supply") as client:
        yield client


@pytest.fixture
def as_role() -> Callable[..., dict[str, str]]:
    """Headers of a call the gateway forwards for a role (and organisation)."""
    return partial(internal_token_headers, SECRET, "supply")


async def published(db: Database) -> list[tuple[str, str, dict[str, Any]]]:
    """Events in the outbox as (type, subject, data), each checked against its schema."""
    return await outbox_events(db, outbox, contracts)
