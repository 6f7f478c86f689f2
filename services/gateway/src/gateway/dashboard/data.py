"""The front page's figures: fetched from the services' public endpoints (``Figures``) and
turned into what the page shows, charts included (the pure functions below)."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from clusterkit.i18n import N_, gettext
from gateway.dashboard import charts
from gateway.dashboard.client import Services
from gateway.dashboard.labels import CATEGORIES, REGIONS, SECTORS, named

TASHKENT = timezone(timedelta(hours=5))
MEMBER_PAGES = 25  # at most 25 x 200 members read for the counts
KPIS = "/api/v1/production/kpis"


def this_year() -> int:
    return datetime.now(TASHKENT).year


def chosen_year(raw: str | None) -> int | None:
    """The ``?year=`` asked for, if it is one the page shows."""
    if raw and raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return None


class Figures:
    """The services' figures, each None when its service does not answer."""

    def __init__(self, services: Services):
        self.services = services

    async def deep_processing(self, year: int | None) -> tuple[int, Any]:
        """The chosen year, or the latest of the last three with figures."""
        path = f"{KPIS}/deep-processing"
        if year is not None:
            return year, await self.services.get("production", path, {"year": year})
        now = this_year()
        first = None
        for candidate in (now, now - 1, now - 2):
            data = await self.services.get("production", path, {"year": candidate})
            if first is None:
                first = (candidate, data)
            if data and (
                (charts.number(data["cathode_output_t"]) or 0) > 0
                or (charts.number(data["copper_processed_t"]) or 0) > 0
            ):
                return candidate, data
        assert first is not None
        return first

    async def localization(self, year: int) -> Any:
        """The page's year's figures (none: the card says there were no orders)."""
        return await self.services.get(
            "supply", "/api/v1/supply/stats/localization", {"year": year}
        )

    async def members(self) -> list[dict[str, Any]] | None:
        found: list[dict[str, Any]] = []
        cursor = None
        for _ in range(MEMBER_PAGES):
            listed = await self.services.get(
                "membership",
                "/api/v1/membership/members",
                {"limit": 200, "status": "active", "cursor": cursor},
            )
            if listed is None:
                return found or None
            found.extend(listed["items"])
            cursor = listed.get("next_cursor")
            if not cursor:
                break
        return found

    async def production(self, year: int) -> dict[str, Any] | None:
        cathode = {"year": year, "metric": "cathode_output"}
        monthly, yearly, growth, output = await asyncio.gather(
            self.services.get("production", f"{KPIS}/fulfilment", cathode),
            self.services.get("production", f"{KPIS}/fulfilment", {**cathode, "rollup": "year"}),
            self.services.get("production", f"{KPIS}/growth", {**cathode, "rollup": "year"}),
            self.services.get(
                "production",
                f"{KPIS}/growth",
                {"year": year, "metric": "industrial_output_value", "rollup": "year"},
            ),
        )
        if monthly is None or yearly is None:
            return None
        return production_summary(year, monthly, yearly, growth, output)


def production_summary(
    year: int, monthly: list[Any], yearly: list[Any], growth: Any, output: Any
) -> dict[str, Any]:
    """AMMC's cathode output by month against plan, the year's totals and growth."""
    periods = [f"{year}-{m:02d}" for m in range(1, 13)]
    by_period = {row["period"]: row for row in monthly}

    def figure(period: str, key: str) -> Decimal | None:
        return charts.number(by_period.get(period, {}).get(key))

    total = yearly[0] if yearly else {}
    return {
        "chart": charts.columns(
            periods,
            [figure(p, "actual") for p in periods],
            [figure(p, "plan") for p in periods],
            label=gettext(
                None, N_("AMMC cathode copper output by month, {year}, against plan"), year=year
            ),
            unit=gettext(None, N_("t")),
        ),
        "months": [
            {
                "period": p,
                "actual": figure(p, "actual"),
                "plan": figure(p, "plan"),
                "fulfilment": figure(p, "fulfilment"),
            }
            for p in periods
        ],
        "actual": charts.number(total.get("actual")),
        "plan": charts.number(total.get("plan")),
        "fulfilment": charts.number(total.get("fulfilment")),
        "growth": charts.number(growth[0]["growth"]) if growth else None,
        "output_growth": charts.number(output[0]["growth"]) if output else None,
    }


def deep_processing_charts(deep: dict[str, Any], year: int) -> dict[str, Any]:
    """The deep-processing share against its target, by month and by product category."""
    share = charts.number(deep["share"])
    target = charts.number(deep["target"]) or Decimal("0.8")
    categories = sorted(
        deep["by_category"],
        key=lambda c: charts.number(c["copper_processed_t"]) or Decimal(0),
        reverse=True,
    )
    return {
        "deep_gauge": charts.gauge(
            share, target, label=gettext(None, N_("Deep-processing share {year}"), year=year)
        ),
        "deep_months": charts.line_chart(
            [(m["period"], charts.number(m["share"])) for m in deep["by_month"]],
            label=gettext(None, N_("Deep-processing share by month, {year}"), year=year),
            target=target,
        ),
        "deep_categories": charts.bars(
            [
                (
                    named(SECTORS).get(c["product_category"], c["product_category"]),
                    charts.number(c["copper_processed_t"]) or Decimal(0),
                    gettext(
                        None,
                        N_("{tonnes} t · {share}"),
                        tonnes=charts.amount(c["copper_processed_t"]),
                        share=charts.percent(c["share"]),
                    ),
                )
                for c in categories
            ],
            label=gettext(None, N_("Copper processed by product category, {year}"), year=year),
        ),
        "deep_categories_rows": categories,
    }


def localization_chart(local: dict[str, Any]) -> Any:
    """The local share of supply purchases by category."""
    return charts.bars(
        [
            (
                named(CATEGORIES).get(c["category"], c["category"]),
                charts.number(c["local_share"]) or Decimal(0),
                charts.percent(c["local_share"]),
            )
            for c in local["by_category"]
        ],
        label=gettext(
            None, N_("Local share of supply purchases by category, {year}"), year=local["year"]
        ),
    )


def members_summary(members: list[dict[str, Any]]) -> dict[str, Any]:
    """Active members counted by sector and region, and the five newest."""
    sectors = Counter(s for m in members for s in m["sectors"])
    regions = Counter(m["region"] for m in members)
    return {
        "total": len(members),
        "by_sector": [(code, name, sectors.get(code, 0)) for code, name in named(SECTORS).items()],
        "by_region": [(code, name, regions.get(code, 0)) for code, name in named(REGIONS).items()],
        "newest": sorted(members, key=lambda m: m["admitted_at"], reverse=True)[:5],
    }
