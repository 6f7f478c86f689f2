"""The catalogue, suppliers and the localization statistics as CSV and XLSX, read back with
``csv`` and openpyxl: the whole filtered search in its order (not a page), the formula
guard, numeric, boolean and date cells, the JSON's access rules, and 406 for an unknown
format."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from clusterkit import export
from clusterkit.export import XLSX_MEDIA as XLSX
from clusterkit.testing.files import assert_documents_export, named, read_csv, read_xlsx

from .market import API, Headers, Market, acid

ITEMS = f"{API}/items"
STATES = "supplier-states"


@pytest.fixture
async def catalogue(market: Market) -> None:
    """Five items of a local supplier, priced 1,000 to 5,000 UZS, and one of a foreign one."""
    _, local = await market.supplier("Kimyo Reagent LLC")
    _, foreign = await market.supplier("Far Away LLC", local=False)
    for n in range(1, 6):
        name = "-SUM(A1:A9)" if n == 3 else f"Reagent {n}"
        await market.item(local, name=name, unit_price={"amount": f"{n}000", "currency": "UZS"})
    await market.item(foreign, name="Imported", unit_price={"amount": "1", "currency": "USD"})


@pytest.mark.usefixtures("catalogue")
async def test_the_catalogue_as_csv_is_the_whole_search_in_its_order(
    client: httpx.AsyncClient, as_role: Headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "BATCH", 2)  # five items: three batches
    params = {"format": "csv", "local_only": "true", "limit": 1}
    response = await client.get(ITEMS, params=params, headers=as_role())
    rows = read_csv(response)
    assert [r["Name"] for r in rows] == [
        "Reagent 1",
        "Reagent 2",
        "'-SUM(A1:A9)",  # the guard
        "Reagent 4",
        "Reagent 5",
    ]
    assert [r["Unit price"] for r in rows] == [f"{n}000.00" for n in range(1, 6)]
    regions = {(r["Local supplier"], r["Supplier region"]) for r in rows}
    assert regions == {("true", named("regions", "UZ-NW"))}
    assert rows[0]["Certifications"] == "O'zDSt 1180"
    assert response.headers["content-disposition"].startswith('attachment; filename="catalogue-')
    everything = read_csv(await client.get(ITEMS, headers={**as_role(), "Accept": "text/csv"}))
    assert len(everything) == 6


@pytest.mark.usefixtures("catalogue")
async def test_the_catalogue_as_xlsx_has_numeric_and_date_cells(
    client: httpx.AsyncClient, as_role: Headers
) -> None:
    params = {"format": "xlsx", "sort": "lead_time"}
    rows = read_xlsx(await client.get(ITEMS, params=params, headers=as_role()))
    assert len(rows) == 6
    local = [r for r in rows if r["Currency"] == named("currencies", "UZS")]
    assert sum(r["Unit price"] for r in local) == 15000
    assert {r["Local content (%)"] for r in rows} == {100}
    assert {r["Lead time (days)"] for r in rows} == {10}
    assert all(isinstance(r["Updated at (UTC)"], datetime) for r in rows)
    assert "-SUM(A1:A9)" in {r["Name"] for r in rows}  # a text cell, not a formula


async def test_an_unknown_format_is_406(client: httpx.AsyncClient, as_role: Headers) -> None:
    response = await client.get(ITEMS, params={"format": "xml"}, headers=as_role())
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/not-acceptable")


async def test_suppliers_as_csv_verified_for_everybody_every_status_for_admins(
    market: Market, client: httpx.AsyncClient, as_role: Headers
) -> None:
    await market.supplier("@Kimyo Reagent LLC")
    await market.supplier("Pending LLC", verify=False)
    public = read_csv(await client.get(f"{API}/suppliers?format=csv", headers=as_role()))
    verified, pending = named(STATES, "verified"), named(STATES, "pending")
    assert [(r["Legal name"], r["Status"]) for r in public] == [("'@Kimyo Reagent LLC", verified)]
    everyone = read_xlsx(
        await client.get(f"{API}/suppliers", headers={**market.admin, "Accept": XLSX})
    )
    assert [(r["Legal name"], r["Status"]) for r in everyone] == [
        ("@Kimyo Reagent LLC", verified),
        ("Pending LLC", pending),
    ]
    assert {r["Local supplier"] for r in everyone} == {True}  # a boolean cell
    assert all(isinstance(r["Registered at (UTC)"], datetime) for r in everyone)


async def test_localization_as_xlsx_a_row_per_category_and_the_year(
    market: Market, client: httpx.AsyncClient, as_role: Headers
) -> None:
    _, local_key = await market.supplier("Olmaliq Ohak LLC", categories=("reagent",))
    _, import_key = await market.supplier("Import Mash LLC", local=False, categories=("equipment",))
    _, member_key = await market.member("Mis Buyer LLC")
    for key, category, price, currency in (
        (local_key, "reagent", "1000000", "UZS"),  # 10 t x 1,000,000 = 10,000,000 UZS local
        (import_key, "equipment", "100", "USD"),  # 10 x 100 USD x 12,650 = 12,650,000 import
    ):
        lines = [acid("10", category, "TNE" if category == "reagent" else "H87")]
        _, offer = await market.quoted(key, member_key, lines, (price,), currency=currency)
        await market.accept(member_key, offer)
    rows = read_xlsx(
        await client.get(f"{API}/stats/localization", params={"format": "xlsx"}, headers=as_role())
    )
    year = datetime.now(UTC).year
    assert [(r["Year"], r["Category"]) for r in rows] == [
        (year, named("categories", "equipment")),
        (year, named("categories", "reagent")),
        (year, "all"),
    ]
    total = rows[-1]
    assert (total["From local suppliers (UZS)"], total["From other suppliers (UZS)"]) == (
        10_000_000,
        12_650_000,
    )
    assert total["Total (UZS)"] == sum(r["Total (UZS)"] for r in rows[:-1])
    assert total["Local share"] == pytest.approx(10 / 22.65, abs=1e-4)


async def test_the_openapi_documents_the_file_media_types(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    for path in (ITEMS, f"{API}/suppliers", f"{API}/stats/localization"):
        assert_documents_export(document, path)
