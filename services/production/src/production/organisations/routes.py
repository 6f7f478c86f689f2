"""``/api/v1/production/organisations``: who reports production (public)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query
from pydantic import Field
from starlette.responses import Response

from clusterkit.app import ReadDep
from clusterkit.listing import PageQuery
from clusterkit.pagination import Page
from clusterkit.routing import Router
from production.organisations.queries import ORGANISATIONS
from production.organisations.schemas import Organisation

router = Router(prefix="/api/v1/production/organisations", tags=["organisations"])


class OrganisationQuery(PageQuery):
    """The filters of the list, and its paging."""

    kind: Literal["producer", "member"] | None = None
    status: Literal["active", "suspended", "expelled"] | None = None
    stir: str | None = Field(None, pattern=r"^\d{9}$")


@router.get("", response_model=Page[Organisation], summary="Organisations that report production")
async def list_organisations(
    read: ReadDep, query: Annotated[OrganisationQuery, Query()]
) -> Response:
    filters = query.model_dump(include={"kind", "status", "stir"})
    return await ORGANISATIONS.page(read, query, **filters)
