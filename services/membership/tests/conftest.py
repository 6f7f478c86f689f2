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
from membership.events import contracts
from membership.main import create_app
from membership.models import outbox
from membership.settings import MembershipSettings

SECRET = "membership-tests-secret-membership-tests-secret"
URL = "/api/v1/membership/applications"


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
    async with service_client(create_app(settings, database=db), "membership") as client:
        yield client


@pytest.fixture
def as_role() -> Callable[..., dict[str, str]]:
    """Headers of a call the gateway forwards for a role (and organisation)."""
    return partial(internal_token_headers, SECRET, "membership")


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


async def published(db: Database) -> list[tuple[str, str, dict[str, Any]]]:
    """Events in the outbox as (type, subject, data), each checked against its schema."""
    return await outbox_events(db, outbox, contracts)


class Applicant:
    """Drives one application through the API as its applicant and as an admin."""

    def __init__(self, client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]]):
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
def applicant(client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]]) -> Applicant:
    return Applicant(client, as_role)
