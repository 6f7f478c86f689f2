"""The figures through the API: the year's localization share of purchases, by category
and checked by hand (the OCDS export: test_ocds.py)."""

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
