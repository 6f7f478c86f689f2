"""``/api/v1/supply/members``: cluster members as supply knows them (admin)."""

from __future__ import annotations

from fastapi import Response

from clusterkit.app import ReadDep
from clusterkit.auth import require_role
from clusterkit.listing import PageDep
from clusterkit.pagination import Page
from clusterkit.routing import Router
from supply.members.queries import MEMBERS
from supply.members.schemas import Member

router = Router(
    prefix="/api/v1/supply/members", tags=["members"], dependencies=[require_role("admin")]
)


@router.get("", response_model=Page[Member], summary="Members known to supply (admin)")
async def list_members(read: ReadDep, page: PageDep) -> Response:
    return await MEMBERS.page(read, page)
