"""Reports, plans and the KPIs as CSV and XLSX, read back with ``csv`` and openpyxl: the
whole filtered result, the formula guard, numeric and date cells, the JSON's access rules
and 406 for an unknown format."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
import pytest

from clusterkit import export
from clusterkit.database import Database
from clusterkit.export import XLSX_MEDIA as XLSX
from clusterkit.testing.files import assert_documents_export, named, read_csv, read_xlsx

from ..conftest import AMMC, FORGET_MEMBERS, add_member, report_tonnes, run

REPORTS = "/api/v1/production/reports"
PLANS = "/api/v1/production/plans"
KPIS = "/api/v1/production/kpis"
AsRole = Callable[..., dict[str, str]]


@pytest.fixture
async def cluster(client: httpx.AsyncClient, as_role: AsRole, db: Database) -> str:
    """AMMC's 2025 plan (120,000 t) and three months of cathode output, and a member's
    processed copper; the member's id."""
    await run(db, FORGET_MEMBERS)
    member = await add_member(db, "Cable LLC")
    admin = as_role("admin")
    plan = await client.put(
        f"{PLANS}/{AMMC}/cathode_output/2025", json={"annual": "120000"}, headers=admin
    )
    assert plan.status_code == 200, plan.text
    figures: list[tuple[str, str, str, str, dict[str, Any]]] = [
        (AMMC, "cathode_output", "2025-01", "10760", {"note": "=cmd|' /C calc'!A0"}),
        (AMMC, "cathode_output", "2025-02", "10000", {}),
        (AMMC, "cathode_output", "2025-03", "12000", {}),
        (member, "copper_processed", "2025-01", "3000", {"product_category": "cable_wire"}),
    ]
    for organisation, metric, period, quantity, extra in figures:
        await report_tonnes(client, admin, organisation, metric, period, quantity, **extra)
    return member


async def test_reports_as_csv_are_every_filtered_figure_guarded(
    client: httpx.AsyncClient,
    as_role: AsRole,
    cluster: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(export, "BATCH", 2)  # three figures: two batches
    params = {"format": "csv", "limit": "1", "organisation_id": AMMC}
    rows = read_csv(await client.get(REPORTS, params=params, headers=as_role("admin")))
    assert [(r["Period"], r["Quantity"], r["Metric"]) for r in rows] == [
        ("2025-01", "10760.000", named("metrics", "cathode_output")),
        ("2025-02", "10000.000", named("metrics", "cathode_output")),
        ("2025-03", "12000.000", named("metrics", "cathode_output")),
    ]
    assert rows[0]["Note"] == "'=cmd|' /C calc'!A0"
    own = read_csv(
        await client.get(
            REPORTS,
            params={"format": "csv", "organisation_id": cluster},
            headers=as_role("member", cluster),
        )
    )
    assert [(r["Metric"], r["Product category"]) for r in own] == [
        (named("metrics", "copper_processed"), named("product-categories", "cable_wire"))
    ]
    # The JSON's access rules: no key, or another organisation's key, is refused alike.
    for headers, params in (
        (as_role(), {"organisation_id": AMMC}),
        (as_role("member", cluster), {"organisation_id": AMMC}),
    ):
        refused = await client.get(REPORTS, params={**params, "format": "csv"}, headers=headers)
        listed = await client.get(REPORTS, params=params, headers=headers)
        assert refused.status_code == listed.status_code
        assert refused.status_code in (401, 403)
        assert refused.headers["content-type"] == "application/problem+json"


async def test_reports_and_plans_as_xlsx_have_numeric_and_month_cells(
    client: httpx.AsyncClient, as_role: AsRole, cluster: str
) -> None:
    headers = {**as_role("admin"), "Accept": XLSX}
    reports = read_xlsx(
        await client.get(REPORTS, params={"metric": "cathode_output"}, headers=headers)
    )
    assert [r["Quantity"] for r in reports] == [10760, 10000, 12000]
    assert sum(r["Quantity"] for r in reports) == 32760  # numbers a spreadsheet sums
    assert reports[0]["Period"] == datetime(2025, 1, 1)
    assert isinstance(reports[0]["Recorded at (UTC)"], datetime)
    plans = read_xlsx(await client.get(PLANS, params={"organisation_id": AMMC}, headers=headers))
    assert [r["Period"] for r in plans] == [datetime(2025, m, 1) for m in range(1, 13)]
    assert sum(r["Target"] for r in plans) == 120000
    page = await client.get(
        PLANS, params={"organisation_id": AMMC, "limit": 5}, headers=as_role("admin")
    )
    assert page.status_code == 200
    assert [f["period"] for f in page.json()["items"]] == [f"2025-0{m}" for m in range(1, 6)]
    assert page.json()["next_cursor"]


async def test_the_kpis_as_files(client: httpx.AsyncClient, as_role: AsRole, cluster: str) -> None:
    scope = {"year": "2025", "metric": "cathode_output", "organisation_id": AMMC}
    admin = as_role("admin")
    fulfilment = read_xlsx(
        await client.get(f"{KPIS}/fulfilment", params={**scope, "format": "xlsx"}, headers=admin)
    )
    january = next(r for r in fulfilment if r["Period"] == "2025-01")
    assert (january["Plan"], january["Actual"], january["Variance (actual - plan)"]) == (
        10000,
        10760,
        760,
    )
    assert january["Fulfilment (actual ÷ plan)"] == pytest.approx(1.076)
    growth = read_csv(
        await client.get(f"{KPIS}/growth", params={**scope, "format": "csv"}, headers=admin)
    )
    assert {r["Period"] for r in growth} >= {"2025-01", "2025-02", "2025-03"}
    # The cluster's deep-processing share is public: a row per month.
    share = read_xlsx(
        await client.get(
            f"{KPIS}/deep-processing",
            params={"period": "2025-01", "format": "xlsx"},
            headers=as_role(),
        )
    )
    assert len(share) == 1
    month = share[0]
    assert month["Period"] == "2025-01"
    assert (month["Copper processed by members (t)"], month["AMMC cathode output (t)"]) == (
        3000,
        10760,
    )
    assert month["Deep-processing share"] == pytest.approx(3000 / 10760, abs=1e-4)
    assert month["Target share"] == 0.8
    unknown = await client.get(f"{KPIS}/growth", params={**scope, "format": "ods"}, headers=admin)
    assert unknown.status_code == 406
    assert unknown.headers["content-type"] == "application/problem+json"


async def test_the_openapi_documents_the_file_media_types(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    for path in (
        REPORTS,
        PLANS,
        *(f"{KPIS}/{k}" for k in ("fulfilment", "growth", "deep-processing")),
    ):
        assert_documents_export(document, path)
