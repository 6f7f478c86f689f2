from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from clusterkit.database import Database
from clusterkit.testing import TestDatabase, bind_rollback_database


@pytest.fixture
async def db(platform_database: TestDatabase) -> AsyncIterator[Database]:
    """The gateway schema inside a transaction rolled back after the test."""
    async with bind_rollback_database(platform_database.url("gateway")) as database:
        yield database
