"""The one fixture factory for a service's tests: its schema inside a transaction rolled back
after each test, an in-process client of its app, and the headers a call through the
gateway carries. A service's ``tests/conftest.py`` is then a few lines::

    db, client, as_role = service_fixtures("supply", create_app, SupplySettings)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Any

import httpx
import pytest

from clusterkit.database import Database
from clusterkit.testing.helpers import (
    TestDatabase,
    bind_rollback_database,
    internal_token_headers,
    service_client,
)

AsRole = Callable[..., dict[str, str]]


def service_fixtures(
    name: str,
    create_app: Callable[..., Any],
    settings_type: Callable[..., Any],
    **settings: Any,
) -> tuple[Any, Any, Any]:
    """The ``db``, ``client`` and ``as_role`` fixtures of service ``name``.

    ``settings`` are extra settings of the service's own (tests need the workers off and a
    known token secret; those two are set here).
    """
    secret = f"{name}-tests-secret-{name}-tests-secret"

    @pytest.fixture(name="db")
    async def db(platform_database: TestDatabase) -> AsyncIterator[Database]:
        """The service's schema inside a transaction rolled back after the test."""
        async with bind_rollback_database(platform_database.url(name)) as database:
            yield database

    @pytest.fixture(name="client")
    async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
        config = settings_type(
            environment="test", run_workers=False, internal_token_secret=secret, **settings
        )
        async with service_client(create_app(config, database=db), name) as http:
            yield http

    @pytest.fixture(name="as_role")
    def as_role() -> AsRole:
        """Headers of a call the gateway forwards for a role (and organisation)."""
        return partial(internal_token_headers, secret, name)

    return db, client, as_role
