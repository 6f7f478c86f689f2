from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from clusterkit.db import Database
from clusterkit.testing import TestDatabase, bind_rollback_database, internal_token_headers
from production.main import create_app
from production.settings import ProductionSettings

SECRET = "production-tests-secret-production-tests-secret"


@pytest.fixture
async def db(platform_database: TestDatabase) -> AsyncIterator[Database]:
    """The production schema inside a transaction rolled back after the test."""
    async with bind_rollback_database(platform_database.url("production")) as database:
        yield database


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    settings = ProductionSettings(
        environment="test", run_workers=False, internal_token_secret=SECRET
    )  # type: ignore[arg-type]
    app = create_app(settings, database=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://production"
    ) as client:
        yield client


@pytest.fixture
def as_role() -> Callable[..., dict[str, str]]:
    def headers(role: str = "anonymous", organisation_id: str | None = None) -> dict[str, str]:
        return internal_token_headers(SECRET, "production", role, organisation_id)

    return headers
