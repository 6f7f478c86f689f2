"""Fixtures of the membership tests: the service's ``db``, ``client`` and ``as_role``, a
valid application body, the outbox as published events, and an applicant that drives an
application through its review."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from clusterkit.database import Database
from clusterkit.sql import SQL, Query, Row
from clusterkit.testing import AsRole, outbox_events, service_fixtures
from membership.events import contracts
from membership.main import create_app
from membership.settings import MembershipSettings
from membership.tables import outbox

URL = "/api/v1/membership/applications"
MEMBERS = "/api/v1/membership/members"

db, client, as_role = service_fixtures("membership", create_app, MembershipSettings)

# The state machine as the issue states it: (action, from) -> to. Everything else is a 409.
LEGAL = {
    ("start-review", "submitted"): "under_review",
    ("request-info", "under_review"): "info_requested",
    ("respond", "info_requested"): "under_review",
    ("approve", "under_review"): "approved",
    ("reject", "under_review"): "rejected",
    ("withdraw", "submitted"): "withdrawn",
    ("withdraw", "under_review"): "withdrawn",
    ("withdraw", "info_requested"): "withdrawn",
}


def submission(**overrides: Any) -> dict[str, Any]:
    """A valid application body; tests change what they need."""
    body: dict[str, Any] = {
        "legal_name": "Olmaliq Kabel Zavodi LLC",
        "stir": "305112233",
        "region": "UZ-TO",
        "sectors": ["cable_wire", "fittings"],
        "planned_products": [
            {
                "hs_code": "8544.49",
                "description": "Power cable",
                "annual_capacity": {"quantity": "15000", "unit": "KMT"},
            }
        ],
        "requested_cathode_tpy": "14000.5",
        "contact": {
            "name": "Dilshod Karimov",
            "email": "info@kabel.uz",
            "phone": "+998 70 123 45 67",
        },
        "proposal": "Power cables from AMMC cathode copper.",
    }
    body.update(overrides)
    return body


async def run(db: Database, statement: Any) -> list[Row]:
    """A statement of the test's own (a look at the rows, a day passing), in its transaction."""
    async with db.connection() as connection:
        return await SQL(connection).fetch(Query(statement))


@asynccontextmanager
async def statements(db: Database) -> AsyncIterator[list[str]]:
    """The SQL statements sent meanwhile, as sent (asyncpg's query logger): round trips."""
    sent: list[str] = []

    def record(query: Any) -> None:
        sent.append(" ".join(query.query.split()))

    async with db.connection() as connection:
        connection.add_query_logger(record)
    try:
        yield sent
    finally:
        async with db.connection() as connection:
            connection.remove_query_logger(record)


async def published(db: Database) -> list[tuple[str, str, dict[str, Any]]]:
    """Events in the outbox as (type, subject, data), each checked against its schema."""
    return await outbox_events(db, outbox, contracts)


class Applicant:
    """Drives one application through the API as its applicant and as an admin."""

    def __init__(self, client: httpx.AsyncClient, as_role: AsRole):
        self.client = client
        self.as_role = as_role
        self.id = ""
        self.token = ""

    async def submit(self, **overrides: Any) -> httpx.Response:
        response = await self.client.post(URL, json=submission(**overrides), headers=self.as_role())
        if response.status_code == 201:
            self.id = response.json()["id"]
            self.token = response.json()["access_token"]
        return response

    def own(self) -> dict[str, str]:
        return {**self.as_role(), "X-Application-Token": self.token}

    async def act(
        self, action: str, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        if headers is None:
            headers = self.own() if action in ("respond", "withdraw") else self.as_role("admin")
        return await self.client.post(f"{URL}/{self.id}/{action}", json=body, headers=headers)

    async def reach(self, state: str) -> None:
        """Submit, then take the legal path to ``state``."""
        assert (await self.submit()).status_code == 201
        path = {
            "submitted": [],
            "under_review": [("start-review", None)],
            "info_requested": [("start-review", None), ("request-info", {"reason": "Plan?"})],
            "approved": [("start-review", None), ("approve", None)],
            "rejected": [("start-review", None), ("reject", {"reason": "No capacity."})],
            "withdrawn": [("withdraw", None)],
        }[state]
        for action, body in path:
            response = await self.act(action, body)
            assert response.status_code == 200, response.text


@pytest.fixture
def applicant(client: httpx.AsyncClient, as_role: AsRole) -> Applicant:
    return Applicant(client, as_role)
