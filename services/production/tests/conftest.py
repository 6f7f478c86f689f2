from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import delete, insert

from clusterkit.database import Database
from clusterkit.sql import SQL, Query, parameters
from clusterkit.testing import outbox_events, service_fixtures
from production.domain import AMMC_ID
from production.events import contracts
from production.main import create_app
from production.settings import ProductionSettings
from production.tables import organisations, outbox

db, client, as_role = service_fixtures("production", create_app, ProductionSettings)

AMMC = AMMC_ID
MEMBER_COLUMNS = ["id", "kind", "legal_name", "stir", "region", "sectors", "status", "updated_at"]
ADD_ORGANISATION = Query(insert(organisations).values(**parameters(organisations, MEMBER_COLUMNS)))
# Other tests commit organisations (the projection's consumer); a test's own transaction
# hides them with these, and is rolled back after.
FORGET_MEMBERS = Query(delete(organisations).where(organisations.c.kind == "member"))
FORGET_ORGANISATIONS = Query(delete(organisations))


def organisation(name: str, *, kind: str = "member", status: str = "active") -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "kind": kind,
        "legal_name": name,
        "stir": "300000001",
        "region": "UZ-TO",
        "sectors": ["cable_wire"],
        "status": status,
        "updated_at": datetime.now(UTC),
    }


async def add_organisations(db: Database, *rows: dict[str, Any]) -> None:
    async with db.connection() as connection:
        await SQL(connection).execute_many(ADD_ORGANISATION, rows)


async def add_member(db: Database, name: str, status: str = "active") -> str:
    """A member as the membership projection would have made it."""
    member = organisation(name, status=status)
    await add_organisations(db, member)
    return str(member["id"])


async def run(db: Database, query: Query, **params: Any) -> None:
    async with db.connection() as connection:
        await SQL(connection).execute(query, **params)


async def published(db: Database) -> list[tuple[str, str, dict[str, Any]]]:
    """Events in the outbox as (type, subject, data), each checked against its schema."""
    return await outbox_events(db, outbox, contracts)


async def report_tonnes(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    organisation_id: str,
    metric: str,
    period: str,
    quantity: str,
    **extra: Any,
) -> None:
    """A figure in tonnes reported through the API (``extra``: its other fields)."""
    body = {
        "organisation_id": organisation_id,
        "metric": metric,
        "period": period,
        "quantity": quantity,
        "unit": "TNE",
        **extra,
    }
    response = await client.post("/api/v1/production/reports", json=body, headers=headers)
    assert response.status_code == 201, response.text
