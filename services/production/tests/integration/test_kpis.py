"""KPIs against figures computed by hand: fulfilment (with rollups), growth, and the
deep-processing share with its breakdowns and the members who did not report."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from clusterkit.database import Database
from production import events as ev

from ..conftest import AMMC, FORGET_MEMBERS, add_member, published, report_tonnes, run

KPIS = "/api/v1/production/kpis"


@pytest.fixture
async def cluster(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> dict[str, str]:
    """AMMC and three members with figures for 2024 and 2025 (only this test's)."""
    await run(db, FORGET_MEMBERS)
    ids = {
        "cable": await add_member(db, "Cable LLC"),
        "pipes": await add_member(db, "Pipes LLC"),
        "silent": await add_member(db, "Silent LLC"),
    }
    admin = as_role("admin")

    plan = await client.put(
        f"/api/v1/production/plans/{AMMC}/cathode_output/2025",
        json={"annual": "120000"},
        headers=admin,
    )
    assert plan.status_code == 200, plan.text
    for period, quantity in (
        ("2024-01", "8000"),
        ("2024-02", "9000"),
        ("2025-01", "10760"),
        ("2025-02", "10000"),
        ("2025-03", "12000"),
    ):
        await report_tonnes(client, admin, AMMC, "cathode_output", period, quantity)
    for member, period, tonnes, product in (
        ("cable", "2025-01", "3000", "cable_wire"),
        ("pipes", "2025-01", "2000", "pipes"),
        ("pipes", "2025-02", "4000", "pipes"),
    ):
        await report_tonnes(
            client, admin, ids[member], "copper_processed", period, tonnes, product_category=product
        )
    return ids


async def test_fulfilment_by_month_and_quarter(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], cluster: dict[str, str]
) -> None:
    params = {"year": "2025", "metric": "cathode_output", "organisation_id": AMMC}
    months = (
        await client.get(f"{KPIS}/fulfilment", params=params, headers=as_role("admin"))
    ).json()
    january = next(r for r in months if r["period"] == "2025-01")
    # plan 120,000 a year = 10,000 a month; 10,760 / 10,000 = 1.076
    assert (january["plan"], january["actual"], january["fulfilment"], january["variance"]) == (
        "10000.000",
        "10760.000",
        "1.0760",
        "760.000",
    )
    april = next(r for r in months if r["period"] == "2025-04")
    assert (april["actual"], april["fulfilment"]) == (None, None)

    quarters = (
        await client.get(
            f"{KPIS}/fulfilment", params={**params, "rollup": "quarter"}, headers=as_role("admin")
        )
    ).json()
    q1 = next(r for r in quarters if r["period"] == "2025-Q1")
    # (10,760 + 10,000 + 12,000) / 30,000 = 1.092
    assert (q1["actual"], q1["plan"], q1["fulfilment"]) == ("32760.000", "30000.000", "1.0920")


async def test_growth_against_the_same_period_a_year_earlier(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], cluster: dict[str, str]
) -> None:
    rows = (
        await client.get(
            f"{KPIS}/growth", params={"year": "2025", "metric": "cathode_output"}, headers=as_role()
        )
    ).json()
    by_period = {r["period"]: r for r in rows}
    # 10,760 / 8,000 = 1.345 (the cluster-level view: public)
    assert (by_period["2025-01"]["growth"], by_period["2025-01"]["change"]) == (
        "1.3450",
        "2760.000",
    )
    assert by_period["2025-02"]["growth"] == "1.1111"  # 10,000 / 9,000
    assert by_period["2025-03"]["previous"] is None
    assert by_period["2025-03"]["growth"] is None
    assert all(r["organisation_id"] is None for r in rows)
    years = (
        await client.get(
            f"{KPIS}/growth",
            params={"year": "2025", "rollup": "year", "metric": "cathode_output"},
            headers=as_role(),
        )
    ).json()
    # 32,760 / 17,000
    assert [(r["period"], r["growth"]) for r in years] == [("2025", "1.9271")]


async def test_deep_processing_share_breakdowns_and_silent_members(
    client: httpx.AsyncClient,
    as_role: Callable[..., dict[str, str]],
    cluster: dict[str, str],
    db: Database,
) -> None:
    public = (
        await client.get(f"{KPIS}/deep-processing", params={"year": "2025"}, headers=as_role())
    ).json()
    # (3,000 + 2,000 + 4,000) / (10,760 + 10,000 + 12,000) = 9,000 / 32,760 = 0.2747
    assert (public["copper_processed_t"], public["cathode_output_t"], public["share"]) == (
        "9000.000",
        "32760.000",
        "0.2747",
    )
    assert public["target"] == "0.80"
    assert public["gap_to_target"] == "0.5253"
    months = {m["period"]: m["share"] for m in public["by_month"]}
    assert (months["2025-01"], months["2025-02"], months["2025-03"], months["2025-04"]) == (
        "0.4647",
        "0.4000",
        "0.0000",
        None,
    )  # 5,000 / 10,760; 4,000 / 10,000; no cathode
    assert {c["product_category"]: c["copper_processed_t"] for c in public["by_category"]} == {
        "cable_wire": "3000.000",
        "pipes": "6000.000",
    }
    assert [m["legal_name"] for m in public["not_reported"]] == ["Silent LLC"]
    assert public["by_member"] is None  # organisation detail: admins only

    january = (
        await client.get(
            f"{KPIS}/deep-processing", params={"period": "2025-01"}, headers=as_role("admin")
        )
    ).json()
    assert january["share"] == "0.4647"
    assert {m["legal_name"]: m["copper_processed_t"] for m in january["by_member"]} == {
        "Cable LLC": "3000.000",
        "Pipes LLC": "2000.000",
    }
    assert (await client.get(f"{KPIS}/deep-processing", headers=as_role())).status_code == 422

    updates = [d for t, _, d in await published(db) if t == ev.DEEP_PROCESSING_UPDATED]
    assert updates[-1] == {**updates[-1], "period": "2025-02", "share": "0.4000"}


async def test_organisation_detail_is_for_admins_and_the_organisation(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], cluster: dict[str, str]
) -> None:
    detail = {"year": "2025", "organisation_id": cluster["cable"]}
    assert (
        await client.get(f"{KPIS}/fulfilment", params=detail, headers=as_role())
    ).status_code == 401
    assert (
        await client.get(
            f"{KPIS}/fulfilment", params=detail, headers=as_role("member", cluster["pipes"])
        )
    ).status_code == 403
    own = await client.get(
        f"{KPIS}/growth", params=detail, headers=as_role("member", cluster["cable"])
    )
    assert own.status_code == 200
    assert {r["organisation_id"] for r in own.json()} == {cluster["cable"]}
