"""Bulk import: CSV or NDJSON, every row checked, all applied or none, row errors named."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import orjson

from clusterkit.database import Database
from production import events as ev

from ..conftest import AMMC, add_member, published

IMPORT = "/api/v1/production/reports/import"
HEADER = "organisation_id,metric,period,quantity,unit"
NDJSON = "application/x-ndjson"


def csv(*lines: str) -> str:
    """A CSV body: the header row, then the rows, a line each."""
    return "".join(f"{line}\n" for line in lines)


async def send(
    client: httpx.AsyncClient,
    body: str | bytes,
    headers: dict[str, str],
    media_type: str = "text/csv",
) -> httpx.Response:
    """``body`` sent to the import as ``media_type``, with the caller's ``headers``."""
    return await client.post(IMPORT, content=body, headers={**headers, "content-type": media_type})


async def test_a_valid_csv_is_applied_whole_with_one_event_per_row(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    member = await add_member(db, "Import Cable LLC")
    body = csv(
        "organisation_id,metric,period,product_category,quantity,unit,note",
        f'{AMMC},cathode_output,2025-01,,12000,TNE,"first, preliminary"',
        f"{member},copper_processed,2025-01,cable_wire,2500000,KGM,",
        f"{AMMC},cathode_output,2025-01,,12100,TNE,corrected",
    )
    response = await send(client, body, as_role("admin"))
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
    body = csv(
        HEADER,
        f"{AMMC},cathode_output,2025-01,12000,TNE",
        f"{AMMC},gold_output,2025-13,-5,TNE",
        "not-a-uuid,cathode_output,2025-02,1,H87",
    )
    response = await send(client, body, as_role("admin"))
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
    refused = await send(client, body, as_role("member", member), NDJSON)
    assert [(e["row"], e["field"]) for e in refused.json()["errors"]] == [
        (2, "row"),
        (3, "organisation_id"),
    ]
    ok = await send(client, lines[0], as_role("member", member), NDJSON)
    assert ok.json()["applied"] == 1
    assert (await send(client, body, as_role("procurement"), NDJSON)).status_code == 403
    wrong_type = await send(client, body, as_role("admin"), "text/plain")
    assert wrong_type.status_code == 415
    bad_header = await send(client, csv("org,metric", "1,2"), as_role("admin"))
    assert bad_header.status_code == 422
    assert "unknown CSV columns" in bad_header.json()["detail"]


async def test_imports_continue_the_revisions_reports_and_earlier_imports_made(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
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
    for quantity in ("11", "12"):
        body = csv(HEADER, f"{AMMC},export_value,2025-04,{quantity},USD")
        response = await send(client, body, as_role("admin"))
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
    empty = await send(client, csv(HEADER), as_role("admin"))
    assert empty.status_code == 422
    assert empty.json()["type"].endswith("/invalid-import")
    lock = "/api/v1/production/periods/2025-01/lock"
    assert (await client.post(lock, headers=as_role("admin"))).status_code == 200
    body = csv(HEADER, f"{member},copper_processed,2025-01,1,TNE")
    refused = await send(client, body, as_role("member", member))
    assert [(e["row"], e["field"]) for e in refused.json()["errors"]] == [(1, "period")]
    unexplained = await send(client, body, as_role("admin"))
    assert [(e["row"], e["field"]) for e in unexplained.json()["errors"]] == [(1, "reason")]
    assert [t for t, _, _ in await published(db)] == [ev.PERIOD_LOCKED]
