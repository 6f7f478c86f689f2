"""The figures through the API: the year's localization share of purchases, by category
and checked by hand, and the orders as OCDS releases."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import httpx

from .market import API, Headers, Market, acid


async def test_localization_splits_local_and_imported_purchases_by_category(
    market: Market, client: httpx.AsyncClient, as_role: Headers
) -> None:
    _, local_key = await market.supplier("Olmaliq Ohak LLC", categories=("reagent", "equipment"))
    _, import_key = await market.supplier("Import Mash LLC", local=False, categories=("equipment",))
    _, member_key = await market.member("Mis Buyer LLC")
    nothing = (await client.get(f"{API}/stats/localization", headers=as_role())).json()
    assert (nothing["total_uzs"], nothing["local_share"], nothing["orders"]) == ("0", None, 0)
    bought = []
    for key, category, price, currency in (
        (local_key, "reagent", "1000000", "UZS"),  # 10 t x 1,000,000 = 10,000,000 UZS local
        (import_key, "equipment", "100", "USD"),  # 10 x 100 USD x 12,650 = 12,650,000 import
        (local_key, "equipment", "500000", "UZS"),  # 10 x 500,000 = 5,000,000 UZS local
    ):
        unit = "TNE" if category == "reagent" else "H87"
        lines = [acid("10", category, unit)]
        _, offer = await market.quoted(key, member_key, lines, (price,), currency=currency)
        bought.append((await market.accept(member_key, offer))["id"])
    cancelled = await client.post(
        f"{API}/orders/{bought[2]}/cancel", json={"reason": "Budget cut"}, headers=member_key
    )
    assert cancelled.json()["status"] == "cancelled"  # cancelled orders do not count

    figures = (await client.get(f"{API}/stats/localization", headers=as_role())).json()
    assert figures["year"] == datetime.now(UTC).year
    assert figures["orders"] == 2
    assert (figures["local_uzs"], figures["non_local_uzs"]) == ("10000000.00", "12650000.00")
    assert figures["local_share"] == str(
        (Decimal(10) / Decimal("22.65")).quantize(Decimal("0.0001"))
    )
    by_category = {c["category"]: c for c in figures["by_category"]}
    assert by_category["reagent"]["local_share"] == "1.0000"
    assert by_category["equipment"]["local_share"] == "0.0000"
    assert figures["reference_2025"]["local_products_uzs"] == "1310000000000"
    earlier = await client.get(
        f"{API}/stats/localization", params={"year": 2001}, headers=as_role()
    )
    assert earlier.json()["orders"] == 0


async def test_the_year_s_orders_export_as_ocds_releases(
    market: Market, client: httpx.AsyncClient, as_role: Headers
) -> None:
    _, key = await market.supplier("Navoiyazot JSC")
    _, member_key = await market.member("Olmaliq Kabel Zavodi LLC")
    request, offer = await market.quoted(key, member_key, [acid("400")], ("1450000",))
    order = await market.accept(member_key, offer)

    year = datetime.now(UTC).year
    ocds = await client.get(f"{API}/export/ocds", params={"year": year}, headers=market.admin)
    assert ocds.status_code == 200, ocds.text
    package = ocds.json()
    assert (package["version"], package["uri"]) == ("1.1", str(ocds.url))
    [release] = package["releases"]
    assert release["ocid"] == f"ocds-cucl01-{request['id']}"
    assert release["id"] == f"{order['id']}-placed"
    assert release["contracts"][0]["status"] == "pending"
    assert release["awards"][0]["id"] == offer.json()["id"]
    assert [p["roles"] for p in release["parties"]] == [["buyer"], ["supplier"]]
    assert release["buyer"]["name"] == "Olmaliq Kabel Zavodi LLC"
    [item] = release["tender"]["items"]
    assert item["classification"] == {"scheme": "HS", "id": "2807"}
    assert item["unit"]["value"] == {"amount": "1450000.00", "currency": "UZS"}
    procurement = await client.get(f"{API}/export/ocds", headers=as_role("procurement"))
    assert len(procurement.json()["releases"]) == 1
    assert (await client.get(f"{API}/export/ocds", headers=member_key)).status_code == 403
