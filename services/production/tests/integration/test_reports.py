"""Reports through the HTTP API: revisions with who/when/why, "as of" answers, unit
conversion, role checks, bad input, and the events they emit."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import uuid4

import httpx
import pytest
from sqlalchemy import delete, update

from clusterkit.auth import Caller
from clusterkit.database import Database
from clusterkit.sql import Query
from clusterkit.testing import TestDatabase
from clusterkit.unit_of_work import Transactions, UnitOfWork
from production import events as ev
from production.domain import Metric
from production.reports.service import add_revisions
from production.tables import outbox, revisions

from ..conftest import AMMC, add_member, published, run

REPORTS = "/api/v1/production/reports"
# The test's transaction has one now(): an earlier revision is moved back in time by hand.
BACKDATE = Query(
    update(revisions)
    .where(revisions.c.revision == 1)
    .values(recorded_at=revisions.c.recorded_at - timedelta(hours=1))
)


def report(organisation_id: str, **overrides: Any) -> dict[str, Any]:
    body = {
        "organisation_id": organisation_id,
        "metric": "cathode_output",
        "period": "2025-03",
        "quantity": "12375",
        "unit": "TNE",
    }
    body.update(overrides)
    return body


async def test_a_second_report_is_a_revision_and_as_of_answers_what_was_known(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    ammc = as_role("member", AMMC)
    first = await client.post(REPORTS, json=report(AMMC, note="preliminary"), headers=ammc)
    assert first.status_code == 201, first.text
    assert first.json()["revision"] == 1
    await run(db, BACKDATE)
    between = datetime.fromisoformat(first.json()["recorded_at"]) - timedelta(minutes=30)
    second = await client.post(
        REPORTS, json=report(AMMC, quantity="12410.5", reason="weighbridge final"), headers=ammc
    )
    assert second.json()["revision"] == 2

    now = await client.get(REPORTS, params={"organisation_id": AMMC}, headers=ammc)
    assert [(r["quantity"], r["revision"]) for r in now.json()["items"]] == [("12410.500", 2)]
    then = await client.get(
        REPORTS, params={"organisation_id": AMMC, "as_of": between.isoformat()}, headers=ammc
    )
    assert [(r["quantity"], r["revision"]) for r in then.json()["items"]] == [("12375.000", 1)]

    history = (
        await client.get(
            f"{REPORTS}/history",
            params={"organisation_id": AMMC, "metric": "cathode_output", "period": "2025-03"},
            headers=ammc,
        )
    ).json()
    assert [(h["revision"], h["note"], h["reason"]) for h in history] == [
        (1, "preliminary", None),
        (2, None, "weighbridge final"),
    ]

    events = [(t, d) for t, _, d in await published(db) if t.split(".")[3] == "report"]
    assert [t for t, _ in events] == [ev.REPORT_SUBMITTED, ev.REPORT_REVISED]
    assert events[1][1]["previous_quantity"] == "12375.000"
    # one clock: the event carries the time the row was recorded
    assert datetime.fromisoformat(events[1][1]["recorded_at"]) == datetime.fromisoformat(
        second.json()["recorded_at"]
    )


async def test_the_latest_reports_are_paged_by_key(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]]
) -> None:
    admin = as_role("admin")
    for month in range(1, 6):
        body = report(AMMC, period=f"2024-{month:02d}", quantity=str(month))
        assert (await client.post(REPORTS, json=body, headers=admin)).status_code == 201
    seen: list[str] = []
    cursor = None
    while True:
        params = {"organisation_id": AMMC, "limit": "2", **({"cursor": cursor} if cursor else {})}
        page = (await client.get(REPORTS, params=params, headers=admin)).json()
        seen += [item["period"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"2024-{month:02d}" for month in range(1, 6)]
    window = await client.get(
        REPORTS,
        params={"metric": "cathode_output", "period_from": "2024-02", "period_to": "2024-03"},
        headers=admin,
    )
    assert [item["period"] for item in window.json()["items"]] == ["2024-02", "2024-03"]
    bad = await client.get(REPORTS, params={"cursor": "garbage!"}, headers=admin)
    assert bad.status_code == 400


async def test_units_convert_when_they_can_and_are_422_when_they_cannot(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    member = await add_member(db, "Cable Maker LLC")
    mine = as_role("member", member)
    kilos = await client.post(
        REPORTS,
        json=report(member, metric="copper_processed", quantity="2500000", unit="KGM"),
        headers=mine,
    )
    assert (kilos.json()["quantity"], kilos.json()["unit"]) == ("2500.000", "TNE")
    metres = await client.post(
        REPORTS,
        json=report(
            member,
            metric="product_output",
            product_category="cable_wire",
            quantity="1500000",
            unit="MTR",
        ),
        headers=mine,
    )
    assert (metres.json()["quantity"], metres.json()["unit"]) == ("1500.000", "KMT")
    wrong = await client.post(
        REPORTS, json=report(member, metric="copper_processed", unit="H87"), headers=mine
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "unit"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"metric": "gold_output"}, "metric"),
        ({"period": "2025-13"}, "period"),
        ({"period": "2025/03"}, "period"),
        ({"period": "2999-01"}, "period"),
        ({"quantity": "-1"}, "quantity"),
        ({"organisation_id": "00000000-0000-0000-0000-000000000001"}, "organisation_id"),
        ({"metric": "product_output"}, "product_category"),
        (
            {"metric": "export_value", "unit": "USD", "product_category": "pipes"},
            "product_category",
        ),
    ],
)
async def test_bad_reports_are_422_naming_the_field(
    client: httpx.AsyncClient,
    as_role: Callable[..., dict[str, str]],
    db: Database,
    change: dict[str, Any],
    field: str,
) -> None:
    response = await client.post(REPORTS, json={**report(AMMC), **change}, headers=as_role("admin"))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert await published(db) == []


async def test_who_may_report_for_whom(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    member = await add_member(db, "Pipe Maker LLC")
    suspended = await add_member(db, "Late Reporter LLC", status="suspended")
    body = report(member, metric="copper_processed")
    assert (await client.post(REPORTS, json=body, headers=as_role())).status_code == 403
    other = as_role("member", suspended)
    assert (await client.post(REPORTS, json=body, headers=other)).status_code == 403
    blocked = await client.post(
        REPORTS, json=report(suspended, metric="copper_processed"), headers=other
    )
    assert blocked.status_code == 403
    assert blocked.json()["type"].endswith("/organisation-not-active")
    assert blocked.json()["status_of_organisation"] == "suspended"
    assert (
        await client.post(REPORTS, json=body, headers=as_role("member", member))
    ).status_code == 201
    # reading: an organisation sees its own figures, admins all, nobody else
    assert (await client.get(REPORTS, headers=as_role())).status_code == 401
    assert (
        await client.get(REPORTS, params={"organisation_id": member}, headers=other)
    ).status_code == 403
    history = {"organisation_id": member, "metric": "copper_processed", "period": "2025-03"}
    other_history = await client.get(f"{REPORTS}/history", params=history, headers=other)
    assert other_history.status_code == 403
    assert (await client.get(REPORTS, headers=as_role("admin"))).status_code == 200


async def test_revisions_recorded_at_once_are_numbered_one_after_the_other(
    platform_database: TestDatabase,
) -> None:
    """Two transactions add a revision of the same key at once: the second waits for the
    first, then numbers its own after it (real transactions, committed, then removed)."""
    database = Database(platform_database.url("production"), pool_size=2)
    write = Transactions(database, outbox, Caller(role="admin"))
    organisation_id = uuid4()
    january, february = date(2025, 1, 1), date(2025, 2, 1)
    first_in = asyncio.Event()
    first_may_commit = asyncio.Event()

    async def add(uow: UnitOfWork, quantities: dict[date, Decimal]) -> list[Any]:
        return await add_revisions(
            uow,
            kind="plan",
            organisation_id=organisation_id,
            metric=Metric.EXPORT_VALUE,
            category="",
            unit="USD",
            quantities=quantities,
            note=None,
        )

    async def first(uow: UnitOfWork) -> list[Any]:
        rows = await add(uow, {january: Decimal(1)})
        first_in.set()
        await first_may_commit.wait()
        return rows

    try:
        one = asyncio.create_task(write(first))
        await first_in.wait()
        two = asyncio.create_task(write(add, {january: Decimal(2), february: Decimal(2)}))
        await asyncio.sleep(0.3)
        assert not two.done()  # waiting for the first's revision 1 of January
        first_may_commit.set()
        assert [row["revision"] for row in await one] == [1]
        assert [(r["period"], r["revision"], r["previous_quantity"]) for r in await two] == [
            (january, 2, Decimal("1.000")),
            (february, 1, None),
        ]
    finally:
        await run(
            database,
            Query(delete(revisions).where(revisions.c.organisation_id == organisation_id)),
        )
        await database.dispose()
