"""Figures for the people who run the cluster: the localization share of members' supply
purchases in a year, and the year's orders as OCDS 1.1 releases for open-contracting
tools."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from clusterkit.sql import SQL, Row
from supply.orders.rules import OrderStatus
from supply.orders.service import lines_of
from supply.reporting import queries
from supply.reporting.schemas import CategoryShare, Localization

TASHKENT = timezone(timedelta(hours=5))  # Uzbekistan keeps UTC+5 all year
# The 2025 figures of AMMC's localization program (UZS), the yardstick for the cluster's own.
LOCALIZATION_2025 = {
    "local_products_uzs": Decimal("1310000000000"),
    "industrial_cooperation_purchases_uzs": Decimal("4200000000000"),
}
OCDS_PREFIX = "ocds-cucl01"  # the platform's OCID prefix
CONTRACT_STATUS = {
    OrderStatus.PLACED: "pending",
    OrderStatus.CONFIRMED: "active",
    OrderStatus.SHIPPED: "active",
    OrderStatus.DELIVERED: "terminated",
    OrderStatus.CANCELLED: "cancelled",
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


def _party(party_id: Any, name: str, stir: str, role: str) -> dict[str, Any]:
    return {
        "id": str(party_id),
        "name": name,
        "identifier": {"scheme": "UZ-STIR", "id": stir, "legalName": name},
        "roles": [role],
    }


def _item(line: Mapping[str, Any], currency: str) -> dict[str, Any]:
    return {
        "id": str(line["line_no"]),
        "description": line["description"],
        "classification": {"scheme": "HS", "id": line["hs_code"]},
        "quantity": line["quantity"],
        "unit": {
            "scheme": "UNCEFACT",
            "id": line["unit"],
            "value": {"amount": line["unit_price"], "currency": currency},
        },
    }


def release(order: Row, lines: Sequence[Row]) -> dict[str, Any]:
    """An order as an OCDS release: the request its tender, the offer its award."""
    value = {"amount": order["total_amount"], "currency": order["currency"]}
    supplier_id, supplier_name = order["supplier_id"], order["supplier_name"]
    items = [_item(line, order["currency"]) for line in lines]
    supplier = {"id": str(supplier_id), "name": supplier_name}
    return {
        "ocid": f"{OCDS_PREFIX}-{order['request_id']}",
        "id": f"{order['id']}-{order['status']}",
        "date": order["updated_at"].isoformat(),
        "tag": ["award", "contract"],
        "initiationType": "tender",
        "language": "en",
        "parties": [
            _party(order["member_id"], order["member_name"], order["member_stir"], "buyer"),
            _party(supplier_id, supplier_name, order["supplier_stir"], "supplier"),
        ],
        "buyer": {"id": str(order["member_id"]), "name": order["member_name"]},
        "tender": {
            "id": str(order["request_id"]),
            "status": "complete",
            "procurementMethod": "selective",
            "tenderPeriod": {"startDate": order["requested_at"].isoformat()},
            "items": items,
        },
        "awards": [
            {
                "id": str(order["offer_id"]),
                "status": "active",
                "date": order["placed_at"].isoformat(),
                "value": value,
                "suppliers": [supplier],
                "items": items,
            }
        ],
        "contracts": [
            {
                "id": str(order["id"]),
                "awardID": str(order["offer_id"]),
                "status": CONTRACT_STATUS[OrderStatus(order["status"])],
                "dateSigned": order["placed_at"].isoformat(),
                "value": value,
                "items": items,
            }
        ],
    }


async def ocds_package(read: SQL, *, year: int | None, uri: str) -> dict[str, Any]:
    """The year's orders as an OCDS 1.1 release package published at ``uri``."""
    _, start, end = year_bounds(year)
    orders = await read.fetch(queries.RELEASES, start=start, end=end)
    lines = await lines_of(read, [order["id"] for order in orders])
    return {
        "uri": uri,
        "version": "1.1",
        "publishedDate": datetime.now(UTC).isoformat(),
        "publisher": {"name": PUBLISHER},
        "releases": [release(order, lines.get(order["id"], [])) for order in orders],
    }
