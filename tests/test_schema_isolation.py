"""Each service's login role reaches its own schema and nothing else."""

from __future__ import annotations

import asyncpg
import pytest

from clusterkit.testing import TestDatabase

SERVICES = ("membership", "production", "supply", "gateway")


def dsn(database: TestDatabase, role: str) -> str:
    return database.url(role).replace("postgresql+asyncpg://", "postgresql://")


@pytest.mark.parametrize("role", SERVICES)
async def test_a_service_role_cannot_touch_another_schema(
    platform_database: TestDatabase, role: str
) -> None:
    connection = await asyncpg.connect(dsn(platform_database, role))
    try:
        own = await connection.fetchval(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1", role
        )
        assert own > 0
        for other in SERVICES:
            if other == role:
                continue
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await connection.fetch(f'SELECT 1 FROM "{other}".alembic_version')  # noqa: S608
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await connection.execute(f'CREATE TABLE "{other}".intruder (id int)')
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await connection.execute("CREATE TABLE public.intruder (id int)")
    finally:
        await connection.close()
