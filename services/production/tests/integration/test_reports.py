"""Reports through the HTTP API: revisions with who/when/why, "as of" answers, unit
conversion, period locks, role checks, bad input, and the events they emit."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from clusterkit.database import Database
from production import events as ev

from ..conftest import AMMC, add_member, published

REPORTS = "/api/v1/production/reports"


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


async def test_the_catalogue_lists_every_metric_with_its_unit(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]]
) -> None:
    catalogue = (await client.get("/api/v1/production/metrics", headers=as_role())).json()
    units = {m["code"]: m["unit"] for m in catalogue}
    assert units == {
        "cathode_output": "TNE",
        "copper_processed": "TNE",
        "product_output": "per category",
        "export_value": "USD",
        "industrial_output_value": "UZS",
        "local_purchases_value": "UZS",
    }
    product = next(m for m in catalogue if m["code"] == "product_output")
    assert product["category_units"]["cable_wire"] == "KMT"


async def test_a_second_report_is_a_revision_and_as_of_answers_what_was_known(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    ammc = as_role("member", AMMC)
    first = await client.post(REPORTS, json=report(AMMC, note="preliminary"), headers=ammc)
    assert first.status_code == 201, first.text
    assert first.json()["revision"] == 1
    await asyncio.sleep(0.01)
    between = datetime.now(UTC)
    await asyncio.sleep(0.01)
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
    assert blocked.json()["status_of_organisation"] == "suspended"
    assert (
        await client.post(REPORTS, json=body, headers=as_role("member", member))
    ).status_code == 201
    # reading: an organisation sees its own figures, admins all, nobody else
    assert (await client.get(REPORTS, headers=as_role())).status_code == 401
    assert (
        await client.get(REPORTS, params={"organisation_id": member}, headers=other)
    ).status_code == 403
    assert (await client.get(REPORTS, headers=as_role("admin"))).status_code == 200


async def test_a_locked_period_takes_corrections_only_from_admins_with_a_reason(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    member = await add_member(db, "Powder Maker LLC")
    mine = as_role("member", member)
    body = report(member, metric="copper_processed", period="2025-02")
    assert (await client.post(REPORTS, json=body, headers=mine)).status_code == 201
    lock = "/api/v1/production/periods/2025-02/lock"
    assert (await client.post(lock, headers=mine)).status_code == 403
    locked = await client.post(lock, json={"reason": "Q1 closed"}, headers=as_role("admin"))
    assert locked.status_code == 200, locked.text
    assert (await client.post(lock, headers=as_role("admin"))).status_code == 409

    assert (
        (await client.post(REPORTS, json=body, headers=mine))
        .json()["type"]
        .endswith("period-locked")
    )
    no_reason = await client.post(REPORTS, json=body, headers=as_role("admin"))
    assert [e["field"] for e in no_reason.json()["errors"]] == ["reason"]
    fixed = await client.post(
        REPORTS, json={**body, "reason": "audit correction"}, headers=as_role("admin")
    )
    assert fixed.status_code == 201
    assert fixed.json()["revision"] == 2
    assert ev.PERIOD_LOCKED in [t for t, _, _ in await published(db)]
