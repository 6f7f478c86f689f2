"""``/api/v1/supply/requests``: a member's request for quotations, and the offers on it.

A member sees its own requests; a verified supplier sees open requests in its categories
(and those it quoted on) and only its own offers; admin and procurement see all."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy import select, tuple_

from clusterkit.auth import CallerDep, require_role
from clusterkit.legacy import ReaderDep, UnitOfWorkDep
from clusterkit.pagination import Page, decode_cursor, encode_cursor
from supply import service
from supply.api.schemas import Offer, OfferIn, RequiredReason, SupplyRequest, SupplyRequestIn
from supply.domain import Category, RequestStatus
from supply.models import idempotency, offers, requests

router = APIRouter(
    prefix="/api/v1/supply/requests",
    tags=["requests"],
    dependencies=[require_role("member", "supplier", "admin", "procurement")],
)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SupplyRequest,
    dependencies=[require_role("member")],
    summary="Ask local suppliers for quotations (an active member; honours Idempotency-Key)",
)
async def open_request(
    body: SupplyRequestIn, request: Request, uow: UnitOfWorkDep, caller: CallerDep
) -> Any:
    replay = await idempotency.legacy_claim(
        uow.session, request, caller, body.model_dump(mode="json")
    )
    if replay is not None:
        return replay
    data = {**body.model_dump(), "lines": body.model_dump(mode="json")["lines"]}
    for line, parsed in zip(data["lines"], body.lines, strict=True):
        line["quantity"], line["catalogue_item_id"] = parsed.quantity, parsed.catalogue_item_id
    opened = SupplyRequest.model_validate(
        await service.open_request(uow.session, uow.publish, caller, data)
    )
    await idempotency.legacy_remember(uow.session, request, 201, opened.model_dump(mode="json"))
    await uow.commit()
    return opened


@router.get(
    "", response_model=Page[SupplyRequest], summary="Requests the caller may see, newest first"
)
async def list_requests(
    session: ReaderDep,
    caller: CallerDep,
    status: RequestStatus | None = None,
    category: Category | None = None,
    member_id: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=300)] = None,
) -> Page[SupplyRequest]:
    r = requests.c
    query = (
        select(requests)
        .where(service.visible_requests(caller))
        .order_by(r.created_at.desc(), r.id.desc())
        .limit(limit + 1)
    )
    if status:
        query = query.where(r.status == status)
    if category:
        query = query.where(r.categories.contains([category.value]))
    if member_id:
        query = query.where(r.member_id == member_id)
    if cursor:
        at, last = decode_cursor(cursor, datetime.fromisoformat, UUID)
        query = query.where(tuple_(r.created_at, r.id) < (at, last))
    rows = (await session.execute(query)).all()
    page = [SupplyRequest.model_validate(row._mapping) for row in rows[:limit]]
    more = len(rows) > limit
    return Page(
        items=page,
        next_cursor=encode_cursor(page[-1].created_at.isoformat(), page[-1].id) if more else None,
    )


@router.get("/{request_id}", response_model=SupplyRequest, summary="One request")
async def get_request(request_id: UUID, session: ReaderDep, caller: CallerDep) -> SupplyRequest:
    return SupplyRequest.model_validate(
        (await service.get_request(session, caller, request_id))._mapping
    )


@router.post(
    "/{request_id}/cancel",
    response_model=SupplyRequest,
    dependencies=[require_role("member", "admin")],
    summary="Cancel an open request (its member or an admin); live offers are declined",
)
async def cancel_request(
    request_id: UUID, body: RequiredReason, uow: UnitOfWorkDep, caller: CallerDep
) -> SupplyRequest:
    cancelled = await service.cancel_request(
        uow.session, uow.publish, caller, request_id, body.reason
    )
    await uow.commit()
    return SupplyRequest.model_validate(cancelled)


@router.get(
    "/{request_id}/offers",
    response_model=Page[Offer],
    summary="Offers on a request: all for its member, admin and procurement; a supplier's own",
)
async def list_offers(
    request_id: UUID,
    session: ReaderDep,
    caller: CallerDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=300)] = None,
) -> Page[Offer]:
    await service.get_request(session, caller, request_id)
    o = offers.c
    query = (
        select(offers)
        .where(o.request_id == request_id, service.offers_visible_to(caller))
        .order_by(o.created_at, o.id)
        .limit(limit + 1)
    )
    if cursor:
        at, last = decode_cursor(cursor, datetime.fromisoformat, UUID)
        query = query.where(tuple_(o.created_at, o.id) > (at, last))
    rows = (await session.execute(query)).all()
    page = [Offer.model_validate(row._mapping) for row in rows[:limit]]
    more = len(rows) > limit
    return Page(
        items=page,
        next_cursor=encode_cursor(page[-1].created_at.isoformat(), page[-1].id) if more else None,
    )


@router.post(
    "/{request_id}/offers",
    status_code=status.HTTP_201_CREATED,
    response_model=Offer,
    dependencies=[require_role("supplier")],
    summary="Quote on an open request (a verified supplier); a new offer replaces its live one",
)
async def submit_offer(
    request_id: UUID, body: OfferIn, uow: UnitOfWorkDep, caller: CallerDep, response: Response
) -> Offer:
    data = {**body.model_dump(), "lines": [line.model_dump() for line in body.lines]}
    offer = await service.submit_offer(uow.session, uow.publish, caller, request_id, data)
    await uow.commit()
    response.headers["Location"] = f"/api/v1/supply/offers/{offer['id']}"
    return Offer.model_validate(offer)
