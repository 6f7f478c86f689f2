"""Figures for the people who run the cluster: the localization share of members' supply
purchases, and the orders as OCDS 1.1 releases for open-contracting tools."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from clusterkit.auth import require_role
from clusterkit.legacy import ReaderDep
from supply import service
from supply.api.schemas import CategoryShare, Localization
from supply.domain import LOCALIZATION_2025, OrderStatus
from supply.models import members, order_lines, orders, requests, suppliers

router = APIRouter(prefix="/api/v1/supply", tags=["figures"])

TASHKENT = timezone(timedelta(hours=5))  # Uzbekistan keeps UTC+5 all year
Year = Annotated[
    int | None,
    Query(ge=2000, le=2100, description="Calendar year (Tashkent time); this year if left out"),
]
OCDS_PREFIX = "ocds-cucl01"  # the platform's OCID prefix
CONTRACT_STATUS = {
    OrderStatus.PLACED: "pending",
    OrderStatus.CONFIRMED: "active",
    OrderStatus.SHIPPED: "active",
    OrderStatus.DELIVERED: "terminated",
    OrderStatus.CANCELLED: "cancelled",
}


def _year_bounds(year: int | None) -> tuple[int, datetime, datetime]:
    year = year or datetime.now(TASHKENT).year
    return year, datetime(year, 1, 1, tzinfo=TASHKENT), datetime(year + 1, 1, 1, tzinfo=TASHKENT)


def _share(local: Decimal, total: Decimal) -> Decimal | None:
    return (local / total).quantize(Decimal("0.0001")) if total else None


@router.get(
    "/stats/localization",
    response_model=Localization,
    summary="Members' supply purchases from local vs non-local suppliers, in UZS (no key needed)",
)
async def localization(session: ReaderDep, year: Year = None) -> Localization:
    """Orders placed in the year and not cancelled; USD lines at each order's own rate."""
    year, start, end = _year_bounds(year)
    o, line = orders.c, order_lines.c
    uzs = func.sum(func.round(line.amount * o.usd_uzs_rate, 2))
    rows = (
        await session.execute(
            select(o.supplier_is_local, line.category, uzs, func.count(o.id.distinct()))
            .join(order_lines, line.order_id == o.id)
            .where(o.status != OrderStatus.CANCELLED, o.placed_at >= start, o.placed_at < end)
            .group_by(o.supplier_is_local, line.category)
        )
    ).all()
    by_category: dict[str, dict[bool, Decimal]] = {}
    for is_local, category, amount, _ in rows:
        by_category.setdefault(category, {True: Decimal(0), False: Decimal(0)})[is_local] += amount
    count = await session.scalar(
        select(func.count()).where(
            o.status != OrderStatus.CANCELLED, o.placed_at >= start, o.placed_at < end
        )
    )

    def share(parts: dict[bool, Decimal]) -> dict[str, Any]:
        total = parts[True] + parts[False]
        return {
            "total_uzs": total,
            "local_uzs": parts[True],
            "non_local_uzs": parts[False],
            "local_share": _share(parts[True], total),
        }

    overall = {
        flag: sum((p[flag] for p in by_category.values()), Decimal(0)) for flag in (True, False)
    }
    return Localization(
        year=year,
        orders=count or 0,
        **share(overall),
        by_category=[
            CategoryShare(category=category, **share(parts))
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


def _ocds_item(line: dict[str, Any], currency: str) -> dict[str, Any]:
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


@router.get(
    "/export/ocds",
    dependencies=[require_role("admin", "procurement")],
    summary="Orders of a year as an OCDS 1.1 release package (admin, procurement)",
)
async def export_ocds(request: Request, session: ReaderDep, year: Year = None) -> dict[str, Any]:
    year, start, end = _year_bounds(year)
    o, r, s = orders.c, requests.c, suppliers.c
    buyer = aliased(members)
    rows = (
        await session.execute(
            select(
                orders,
                r.created_at.label("requested_at"),
                s.legal_name.label("supplier_name"),
                s.stir.label("supplier_stir"),
                buyer.c.legal_name.label("member_name"),
                buyer.c.stir.label("member_stir"),
            )
            .join(requests, r.id == o.request_id)
            .join(suppliers, s.id == o.supplier_id)
            .join(buyer, buyer.c.id == o.member_id)
            .where(o.placed_at >= start, o.placed_at < end)
            .order_by(o.placed_at, o.id)
        )
    ).all()
    lines = await service.lines_of(session, [row.id for row in rows])
    releases = []
    for row in rows:
        value = {"amount": row.total_amount, "currency": row.currency}
        order_items = [_ocds_item(line, row.currency) for line in lines.get(row.id, [])]
        supplier = {"id": str(row.supplier_id), "name": row.supplier_name}
        releases.append(
            {
                "ocid": f"{OCDS_PREFIX}-{row.request_id}",
                "id": f"{row.id}-{row.status}",
                "date": row.updated_at.isoformat(),
                "tag": ["award", "contract"],
                "initiationType": "tender",
                "language": "en",
                "parties": [
                    _party(row.member_id, row.member_name, row.member_stir, "buyer"),
                    _party(row.supplier_id, row.supplier_name, row.supplier_stir, "supplier"),
                ],
                "buyer": {"id": str(row.member_id), "name": row.member_name},
                "tender": {
                    "id": str(row.request_id),
                    "status": "complete",
                    "procurementMethod": "selective",
                    "tenderPeriod": {"startDate": row.requested_at.isoformat()},
                    "items": order_items,
                },
                "awards": [
                    {
                        "id": str(row.offer_id),
                        "status": "active",
                        "date": row.placed_at.isoformat(),
                        "value": value,
                        "suppliers": [supplier],
                        "items": order_items,
                    }
                ],
                "contracts": [
                    {
                        "id": str(row.id),
                        "awardID": str(row.offer_id),
                        "status": CONTRACT_STATUS[OrderStatus(row.status)],
                        "dateSigned": row.placed_at.isoformat(),
                        "value": value,
                        "items": order_items,
                    }
                ],
            }
        )
    return {
        "uri": str(request.url),
        "version": "1.1",
        "publishedDate": datetime.now(UTC).isoformat(),
        "publisher": {"name": "Copper Industry Cluster Development Service, JSC Almalyk MMC"},
        "releases": releases,
    }
