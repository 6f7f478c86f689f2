"""Plans: a year's targets, monthly or spread from an annual one, set by admins or the
organisation itself, each set a new revision of every month's target."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import httpx

from clusterkit.database import Database
from production import events as ev

from ..conftest import AMMC, add_member, published

PLANS = "/api/v1/production/plans"


async def test_an_annual_target_is_spread_and_a_second_plan_replaces_the_first(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    url = f"{PLANS}/{AMMC}/cathode_output/2025"
    first = await client.put(url, json={"annual": "100"}, headers=as_role("admin"))
    assert first.status_code == 200, first.text
    plan = first.json()
    assert plan["monthly"] == ["8.333"] * 11 + ["8.337"]
    assert (plan["annual"], plan["unit"], plan["product_category"]) == ("100.000", "TNE", None)

    monthly = [str(m * 10) for m in range(1, 13)]
    second = await client.put(url, json={"monthly": monthly}, headers=as_role("member", AMMC))
    assert second.status_code == 200, second.text
    assert second.json()["annual"] == "780.000"
    fulfilment = await client.get(
        "/api/v1/production/kpis/fulfilment",
        params={"year": "2025", "metric": "cathode_output", "organisation_id": AMMC},
        headers=as_role("admin"),
    )
    assert [r["plan"] for r in fulfilment.json()] == [f"{m * 10}.000" for m in range(1, 13)]

    plans = [(s, d) for t, s, d in await published(db) if t == ev.PLAN_SET]
    assert [(s, d["annual"]) for s, d in plans] == [(AMMC, "100.000"), (AMMC, "780.000")]
    recorded_at = datetime.fromisoformat(plan["recorded_at"])
    assert datetime.fromisoformat(plans[0][1]["recorded_at"]) == recorded_at


async def test_who_may_set_a_plan_and_for_what(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    member = await add_member(db, "Planner LLC")
    url = f"{PLANS}/{member}/product_output/2025"
    body = {"annual": "12", "product_category": "pipes"}
    assert (await client.put(url, json=body, headers=as_role("member", AMMC))).status_code == 403
    assert (await client.put(url, json=body, headers=as_role())).status_code == 403
    own = await client.put(url, json=body, headers=as_role("member", member))
    assert own.status_code == 200, own.text
    assert (own.json()["unit"], own.json()["product_category"]) == ("TNE", "pipes")

    no_category = await client.put(url, json={"annual": "12"}, headers=as_role("admin"))
    assert [e["field"] for e in no_category.json()["errors"]] == ["product_category"]
    both = await client.put(url, json={"annual": "12", "monthly": ["1"] * 12}, headers=as_role())
    assert both.status_code == 422
    unknown = await client.put(
        f"{PLANS}/00000000-0000-4000-8000-000000000001/export_value/2025",
        json={"annual": "1"},
        headers=as_role("admin"),
    )
    assert unknown.status_code == 404
    assert [t for t, _, _ in await published(db)] == [ev.PLAN_SET]
