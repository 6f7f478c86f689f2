"""``/api/v1/supply/stats/localization`` (anyone) and ``/api/v1/supply/export/ocds``
(admin, procurement): the figures of supply purchases."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from clusterkit.app import ReadDep
from clusterkit.auth import require_role
from supply.reporting import service
from supply.reporting.schemas import Localization

router = APIRouter(prefix="/api/v1/supply", tags=["figures"])

Year = Annotated[
    int | None,
    Query(ge=2000, le=2100, description="Calendar year (Tashkent time); this year if left out"),
]


@router.get(
    "/stats/localization",
    summary="Members' supply purchases from local vs non-local suppliers, in UZS (no key needed)",
)
async def localization(read: ReadDep, year: Year = None) -> Localization:
    """Orders placed in the year and not cancelled; USD lines at each order's own rate."""
    return await service.localization(read, year=year)


@router.get(
    "/export/ocds",
    dependencies=[require_role("admin", "procurement")],
    summary="Orders of a year as an OCDS 1.1 release package (admin, procurement)",
)
async def export_ocds(request: Request, read: ReadDep, year: Year = None) -> dict[str, Any]:
    return await service.ocds_package(read, year=year, uri=str(request.url))
