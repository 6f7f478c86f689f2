"""Fixtures for the whole suite: one database per test run, every service migrated once.

Postgres and Kafka themselves come from the clusterkit pytest plugin (started for the run
on free ports, stopped at the end).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterkit.infra.postgres import PostgresCluster
from clusterkit.testing import TestDatabase, migrate

ROOT = Path(__file__).parent
SERVICES = ("membership", "production", "supply", "gateway")


@pytest.fixture(scope="session")
async def platform_database(postgres_cluster: PostgresCluster) -> TestDatabase:
    """A database with each service's schema and role, at migration head."""
    database = await TestDatabase.create(postgres_cluster, SERVICES)
    for service in SERVICES:
        await migrate(ROOT / "services" / service / "alembic.ini", database.url(service))
    return database
