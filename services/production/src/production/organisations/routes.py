"""``/api/v1/production/organisations``: who reports production (public)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query
from starlette.responses import Response

from clusterkit.app import ReadDep
from clusterkit.listing import Cursor, Limit
from clusterkit.pagination import Page
from production.organisations.queries import ORGANISATIONS
from production.organisations.schemas import Organisation

router = APIRouter(prefix="/api/v1/production/organisations", tags=["organisations"])


@router.get("", response_model=Page[Organisation], summary="Organisations that report production")
async def list_organisations(
    read: ReadDep,
    kind: Literal["producer", "member"] | None = None,
    status: Literal["active", "suspended", "expelled"] | None = None,
    stir: str | None = Query(None, pattern=r"^\d{9}$"),
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    return await ORGANISATIONS.page(
        read, limit=limit, cursor=cursor, kind=kind, status=status, stir=stir
    )
