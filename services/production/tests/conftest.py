from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

import httpx
import pytest
from sqlalchemy import insert

from clusterkit.database import Database
from clusterkit.testing import (
    TestDatabase,
    bind_rollback_database,
    internal_token_headers,
    outbox_events,
    service_client,
)
from production.events import contracts
from production.main import create_app
from production.models import organisations, outbox
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
    async with service_client(create_app(settings, database=db), "production") as client:
        yield client


@pytest.fixture
def as_role() -> Callable[..., dict[str, str]]:
    """Headers of a call the gateway forwards for a role (and organisation)."""
    return partial(internal_token_headers, SECRET, "production")


AMMC = "00000000-0000-4000-8000-00000000a3c0"


async def add_member(db: Database, name: str, status: str = "active") -> str:
    """A member as the membership projection would have made it."""
    member_id = uuid.uuid4()
    async with db.legacy.session() as session:
        await session.execute(
            insert(organisations).values(
                id=member_id,
                kind="member",
                legal_name=name,
                stir="300000001",
                region="UZ-TO",
                sectors=["cable_wire"],
                status=status,
                updated_at=datetime.now(UTC),
            )
        )
        await session.commit()
    return str(member_id)


async def published(db: Database) -> list[tuple[str, str, dict[str, Any]]]:
    """Events in the outbox as (type, subject, data), each checked against its schema."""
    return await outbox_events(db, outbox, contracts)
