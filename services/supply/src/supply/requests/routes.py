"""``/api/v1/supply/requests``: a member's request for quotations.

A member sees its own requests; a verified supplier sees open requests in its categories
(and those it quoted on); admin and procurement see all. The offers on a request are the
offers feature's (``supply.offers.routes``)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import orjson
from fastapi import Query, Response, status

from clusterkit.app import ReadDep, WriteDep
from clusterkit.auth import require_role
from clusterkit.idempotency import IdempotencyKeyDep
from clusterkit.listing import PageQuery
from clusterkit.pagination import Page
from clusterkit.routing import Router
from supply.domain import Category
from supply.parties import PARTIES
from supply.requests import access, queries, service
from supply.requests.rules import RequestStatus
from supply.requests.schemas import SupplyRequest, SupplyRequestIn
from supply.schemas import RequiredReason
from supply.tables import idempotency

router = Router(prefix="/api/v1/supply/requests", tags=["requests"], dependencies=PARTIES)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SupplyRequest,
    dependencies=[require_role("member")],
    summary="Ask local suppliers for quotations (an active member; honours Idempotency-Key)",
)
async def open_request(body: SupplyRequestIn, write: WriteDep, key: IdempotencyKeyDep) -> Any:
    answer = await idempotency.once(write, key, body, service.open_request, request=body)
    return Response(
        orjson.dumps(answer.body),
        status_code=answer.status_code,
        media_type="application/json",
        headers={"Idempotent-Replayed": "true"} if answer.replayed else None,
    )


class RequestQuery(PageQuery):
    """The requests' filters and paging."""

    status: RequestStatus | None = None
    category: Category | None = None
    member_id: UUID | None = None


@router.get(
    "", response_model=Page[SupplyRequest], summary="Requests the caller may see, newest first"
)
async def list_requests(read: ReadDep, query: Annotated[RequestQuery, Query()]) -> Response:
    filters = query.model_dump(include={"status", "category", "member_id"})
    return await queries.REQUESTS.page(read, query, **filters, **access.visibility(read.caller))


@router.get("/{request_id}", summary="One request")
async def get_request(request_id: UUID, read: ReadDep) -> SupplyRequest:
    request = await service.visible_request(read, read.caller, request_id)
    return SupplyRequest.model_validate(dict(request))


@router.post(
    "/{request_id}/cancel",
    dependencies=[require_role("member", "admin")],
    summary="Cancel an open request (its member or an admin); live offers are declined",
)
async def cancel_request(request_id: UUID, body: RequiredReason, write: WriteDep) -> SupplyRequest:
    cancelled = await write(service.cancel_request, request_id=request_id, reason=body.reason)
    return SupplyRequest.model_validate(dict(cancelled))
