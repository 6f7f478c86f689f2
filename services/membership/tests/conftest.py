from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from clusterkit.db import Database
from clusterkit.testing import TestDatabase, bind_rollback_database, internal_token_headers
from membership.main import create_app
from membership.settings import MembershipSettings

SECRET = "membership-tests-secret-membership"


@pytest.fixture
async def db(platform_database: TestDatabase) -> AsyncIterator[Database]:
    """The membership schema inside a transaction rolled back after the test."""
    async with bind_rollback_database(platform_database.url("membership")) as database:
        yield database


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    settings = MembershipSettings(
        environment="test", run_workers=False, internal_token_secret=SECRET
    )  # type: ignore[arg-type]
    app = create_app(settings, database=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://membership"
    ) as client:
        yield client


@pytest.fixture
def as_role() -> Callable[..., dict[str, str]]:
    def headers(role: str = "anonymous", organisation_id: str | None = None) -> dict[str, str]:
        return internal_token_headers(SECRET, "membership", role, organisation_id)

    return headers
