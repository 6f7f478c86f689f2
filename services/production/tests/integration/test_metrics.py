"""The metrics list: what the cluster measures, with units (public)."""

from __future__ import annotations

from collections.abc import Callable

import httpx


async def test_the_metrics_list_names_every_metric_with_its_unit(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]]
) -> None:
    metrics = (await client.get("/api/v1/production/metrics", headers=as_role())).json()
    units = {m["code"]: m["unit"] for m in metrics}
    assert units == {
        "cathode_output": "TNE",
        "copper_processed": "TNE",
        "product_output": "per category",
        "export_value": "USD",
        "industrial_output_value": "UZS",
        "local_purchases_value": "UZS",
    }
    product = next(m for m in metrics if m["code"] == "product_output")
    assert product["category_units"]["cable_wire"] == "KMT"
    assert next(m for m in metrics if m["code"] == "export_value")["category_units"] is None
