"""``/api/v1/supply/stats/localization`` (anyone) and ``/api/v1/supply/export/ocds``
(admin, procurement): the figures of supply purchases."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, Request

from clusterkit.app import ReadDep, settings_of
from clusterkit.auth import require_role
from clusterkit.export import EXPORT_RESPONSES, ExportDep
from clusterkit.routing import Router
from supply.reporting import exports, service
from supply.reporting.schemas import Localization
from supply.settings import SupplySettings

router = Router(prefix="/api/v1/supply", tags=["figures"])

Year = Annotated[
    int | None,
    Query(ge=2000, le=2100, description="Calendar year (Tashkent time); this year if left out"),
]


@router.get(
    "/stats/localization",
    response_model=Localization,
    responses=EXPORT_RESPONSES,
    summary="Members' supply purchases from local vs non-local suppliers, in UZS (no key needed)",
)
async def localization(read: ReadDep, export: ExportDep, year: Year = None) -> Any:
    """Orders placed in the year and not cancelled; USD lines at each order's own rate. As a
    file: a row per product category, then the year's."""
    figures = await service.localization(read, year=year)
    if export.wanted:
        return await export.answer(exports.LOCALIZATION, exports.localization_rows(figures))
    return figures


Packaging = Annotated[
    Literal["release", "record"],
    Query(
        description="release: every release of every process; record: a record a process, "
        "its releases embedded with its compiled release"
    ),
]


@router.get(
    "/export/ocds",
    dependencies=[require_role("admin", "procurement")],
    summary="The requests for quotation opened in a year as an OCDS 1.1 release or record "
    "package (admin, procurement)",
)
async def export_ocds(
    request: Request, read: ReadDep, year: Year = None, package: Packaging = "release"
) -> dict[str, Any]:
    """One contracting process a request for quotation, with a release per stage it reached
    (tender, award, contract, implementation); numbers as JSON numbers."""
    return await service.ocds_package(
        read,
        year=year,
        uri=str(request.url),
        prefix=settings_of(request, SupplySettings).ocds_prefix,
        records=package == "record",
    )
