"""Bulk import: CSV or NDJSON, every row checked, all applied or none, row errors named."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import orjson

from clusterkit.database import Database
from production import events as ev

from ..conftest import AMMC, add_member, published

IMPORT = "/api/v1/production/reports/import"
CSV = {"content-type": "text/csv"}


async def test_a_valid_csv_is_applied_whole_with_one_event_per_row(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    member = await add_member(db, "Import Cable LLC")
    csv_body = (
        "organisation_id,metric,period,product_category,quantity,unit,note\n"
        f'{AMMC},cathode_output,2025-01,,12000,TNE,"first, preliminary"\n'
        f"{member},copper_processed,2025-01,cable_wire,2500000,KGM,\n"
        f"{AMMC},cathode_output,2025-01,,12100,TNE,corrected\n"
    )
    response = await client.post(IMPORT, content=csv_body, headers={**as_role("admin"), **CSV})
    assert response.status_code == 200, response.text
    assert (response.json()["rows"], response.json()["applied"]) == (3, 3)

    figures = (
        await client.get(
            "/api/v1/production/reports",
            params={"period_from": "2025-01", "period_to": "2025-01"},
            headers=as_role("admin"),
        )
    ).json()["items"]
    by_org = {(f["organisation_id"], f["metric"]): f for f in figures}
    ammc = by_org[(AMMC, "cathode_output")]
    assert (ammc["quantity"], ammc["revision"], ammc["note"]) == ("12100.000", 2, "corrected")
    assert by_org[(member, "copper_processed")]["quantity"] == "2500.000"

    events = await published(db)  # each checked against its JSON Schema
    reports = [(t, d) for t, _, d in events if t.split(".")[3] == "report"]
    assert [t for t, _ in reports] == [ev.REPORT_SUBMITTED, ev.REPORT_SUBMITTED, ev.REPORT_REVISED]
    assert reports[2][1]["previous_quantity"] == "12000.000"
    assert reports[0][1]["previous_quantity"] is None
    shares = [d for t, _, d in events if t == ev.DEEP_PROCESSING_UPDATED]
    assert [(d["period"], d["share"]) for d in shares] == [("2025-01", "0.2066")]  # 2500/12100


async def test_one_broken_row_rejects_the_whole_import_naming_rows_and_fields(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    csv_body = (
        "organisation_id,metric,period,quantity,unit\n"
        f"{AMMC},cathode_output,2025-01,12000,TNE\n"
        f"{AMMC},gold_output,2025-13,-5,TNE\n"
        f"not-a-uuid,cathode_output,2025-02,1,H87\n"
    )
    response = await client.post(IMPORT, content=csv_body, headers={**as_role("admin"), **CSV})
    assert response.status_code == 422
    problem = response.json()
    assert problem["error_count"] == 5
    assert [(e["row"], e["field"]) for e in problem["errors"]] == [
        (2, "metric"),
        (2, "period"),
        (2, "quantity"),
        (3, "organisation_id"),
        (3, "unit"),
    ]
    assert await published(db) == []
    nothing = await client.get("/api/v1/production/reports", headers=as_role("admin"))
    assert nothing.json()["items"] == []


async def test_ndjson_rows_and_who_may_import_what(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    member = await add_member(db, "Import Pipes LLC")
    lines = [
        orjson.dumps(
            {
                "organisation_id": member,
                "metric": "copper_processed",
                "period": "2025-03",
                "quantity": "10",
                "unit": "TNE",
            }
        ),
        b"{not json",
        orjson.dumps(
            {
                "organisation_id": AMMC,
                "metric": "cathode_output",
                "period": "2025-03",
                "quantity": "1",
                "unit": "TNE",
            }
        ),
    ]
    body = b"\n".join(lines)
    ndjson = {"content-type": "application/x-ndjson"}
    refused = await client.post(
        IMPORT, content=body, headers={**as_role("member", member), **ndjson}
    )
    assert [(e["row"], e["field"]) for e in refused.json()["errors"]] == [
        (2, "row"),
        (3, "organisation_id"),
    ]
    ok = await client.post(
        IMPORT, content=lines[0], headers={**as_role("member", member), **ndjson}
    )
    assert ok.json()["applied"] == 1
    assert (
        await client.post(IMPORT, content=body, headers={**as_role("procurement"), **ndjson})
    ).status_code == 403
    wrong_type = await client.post(
        IMPORT, content=body, headers={**as_role("admin"), "content-type": "text/plain"}
    )
    assert wrong_type.status_code == 415
    bad_header = await client.post(
        IMPORT, content=b"org,metric\n1,2\n", headers={**as_role("admin"), **CSV}
    )
    assert bad_header.status_code == 422
    assert "unknown CSV columns" in bad_header.json()["detail"]


async def test_imports_continue_the_revisions_reports_and_earlier_imports_made(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    admin = {**as_role("admin"), **CSV}
    reported = await client.post(
        "/api/v1/production/reports",
        json={
            "organisation_id": AMMC,
            "metric": "export_value",
            "period": "2025-04",
            "quantity": "10",
            "unit": "USD",
        },
        headers=as_role("admin"),
    )
    assert reported.status_code == 201, reported.text
    header = "organisation_id,metric,period,quantity,unit\n"
    for quantity in ("11", "12"):
        body = f"{header}{AMMC},export_value,2025-04,{quantity},USD\n"
        response = await client.post(IMPORT, content=body, headers=admin)
        assert response.status_code == 200, response.text
    history = await client.get(
        "/api/v1/production/reports/history",
        params={"organisation_id": AMMC, "metric": "export_value", "period": "2025-04"},
        headers=as_role("admin"),
    )
    assert [(h["revision"], h["quantity"]) for h in history.json()] == [
        (1, "10.000"),
        (2, "11.000"),
        (3, "12.000"),
    ]
    revised = [d for t, _, d in await published(db) if t == ev.REPORT_REVISED]
    assert [(d["revision"], d["previous_quantity"]) for d in revised] == [
        (2, "10.000"),
        (3, "11.000"),
    ]


async def test_an_empty_import_or_one_for_a_locked_month_applies_nothing(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    member = await add_member(db, "Import Fittings LLC")
    header = "organisation_id,metric,period,quantity,unit\n"
    empty = await client.post(IMPORT, content=header, headers={**as_role("admin"), **CSV})
    assert empty.status_code == 422
    assert empty.json()["type"].endswith("/invalid-import")
    lock = "/api/v1/production/periods/2025-01/lock"
    assert (await client.post(lock, headers=as_role("admin"))).status_code == 200
    row = f"{member},copper_processed,2025-01,1,TNE\n"
    refused = await client.post(
        IMPORT, content=header + row, headers={**as_role("member", member), **CSV}
    )
    assert [(e["row"], e["field"]) for e in refused.json()["errors"]] == [(1, "period")]
    admin = {**as_role("admin"), **CSV}
    unexplained = await client.post(IMPORT, content=header + row, headers=admin)
    assert [(e["row"], e["field"]) for e in unexplained.json()["errors"]] == [(1, "reason")]
    assert [t for t, _, _ in await published(db)] == [ev.PERIOD_LOCKED]
