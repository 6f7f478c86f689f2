"""Figures for the people who run the cluster: the localization share of members' supply
purchases in a year, and the year's requests for quotation as OCDS 1.1 releases and
records for open-contracting tools (see :mod:`supply.reporting.ocds`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from clusterkit.sql import SQL, Row
from supply.orders.service import lines_of
from supply.reporting import ocds, queries
from supply.reporting.schemas import CategoryShare, Localization

TASHKENT = timezone(timedelta(hours=5))  # Uzbekistan keeps UTC+5 all year
# The 2025 figures of AMMC's localization program (UZS), the yardstick for the cluster's own.
LOCALIZATION_2025 = {
    "local_products_uzs": Decimal("1310000000000"),
    "industrial_cooperation_purchases_uzs": Decimal("4200000000000"),
}
PUBLISHER = "Copper Industry Cluster Development Service, JSC Almalyk MMC"


def year_bounds(year: int | None) -> tuple[int, datetime, datetime]:
    """The calendar year in Tashkent time (this year if None): the year, its start and end."""
    year = year or datetime.now(TASHKENT).year
    return year, datetime(year, 1, 1, tzinfo=TASHKENT), datetime(year + 1, 1, 1, tzinfo=TASHKENT)


def share(local: Decimal, non_local: Decimal) -> dict[str, Any]:
    """The fields of a :class:`supply.reporting.schemas.LocalShare`."""
    total = local + non_local
    return {
        "total_uzs": total,
        "local_uzs": local,
        "non_local_uzs": non_local,
        "local_share": (local / total).quantize(Decimal("0.0001")) if total else None,
    }


async def localization(read: SQL, *, year: int | None) -> Localization:
    """Orders placed in the year and not cancelled; USD lines at each order's own rate."""
    year, start, end = year_bounds(year)
    by_category: dict[str, dict[bool, Decimal]] = {}
    for row in await read.fetch(queries.UZS_BY_LOCALITY_AND_CATEGORY, start=start, end=end):
        parts = by_category.setdefault(row["category"], {True: Decimal(0), False: Decimal(0)})
        parts[row["is_local"]] += row["uzs"]
    count = await read.value(queries.ORDERS_COUNTED, start=start, end=end)
    local, non_local = (
        sum((parts[flag] for parts in by_category.values()), Decimal(0)) for flag in (True, False)
    )
    return Localization(
        year=year,
        orders=count or 0,
        **share(local, non_local),
        by_category=[
            CategoryShare(category=category, **share(parts[True], parts[False]))
            for category, parts in sorted(by_category.items())
        ],
        reference_2025=LOCALIZATION_2025,
    )


def _by(rows: Iterable[Row], key: str) -> dict[Any, list[Row]]:
    out: dict[Any, list[Row]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


async def processes(read: SQL, *, year: int | None) -> list[ocds.Process]:
    """The contracting processes (requests for quotation) opened in the year, each with the
    suppliers that quoted, and its order's lines and deliveries."""
    _, start, end = year_bounds(year)
    requests = await read.fetch(queries.PROCESSES, start=start, end=end)
    order_ids = [row["order_id"] for row in requests if row["order_id"] is not None]
    tenderers = _by(
        await read.fetch(queries.TENDERERS, ids=[r["id"] for r in requests]), "request_id"
    )
    lines = await lines_of(read, order_ids)
    deliveries = _by(await read.fetch(queries.DELIVERIES, ids=order_ids), "order_id")
    return [
        ocds.Process(
            request=row,
            tenderers=tenderers.get(row["id"], []),
            lines=lines.get(row["order_id"], []),
            deliveries=deliveries.get(row["order_id"], []),
        )
        for row in requests
    ]


async def ocds_package(
    read: SQL, *, year: int | None, uri: str, prefix: str, records: bool = False
) -> dict[str, Any]:
    """The year's processes as an OCDS 1.1 release package published at ``uri`` (every
    release of every process), or as a record package (``records``: one record a process,
    its releases embedded beside its compiled release)."""
    released = [
        ocds.Releases(prefix, process, TASHKENT).all()
        for process in await processes(read, year=year)
    ]
    dates = [release["date"] for stages in released for release in stages]
    # Made on demand: dated by the last change it shows (now when it shows none).
    published = max(dates, key=datetime.fromisoformat) if dates else datetime.now(UTC).isoformat()
    head = {
        "uri": uri,
        "version": "1.1",
        "publishedDate": published,
        "publisher": {"name": PUBLISHER},
    }
    if records:
        return {**head, "records": [ocds.record(stages) for stages in released]}
    return {**head, "releases": [release for stages in released for release in stages]}
