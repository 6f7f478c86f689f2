"""Offers: quoted on ``/api/v1/supply/requests/{id}/offers``; read, accepted (by the
requesting member) or withdrawn (by the supplier that made it) at
``/api/v1/supply/offers/{id}``."""

from __future__ import annotations

from uuid import UUID

from fastapi import Request, Response, status

from clusterkit.app import ReadDep, WriteDep, settings_of
from clusterkit.auth import require_role
from clusterkit.listing import PageDep
from clusterkit.pagination import Page
from clusterkit.routing import Router
from supply.offers import access, queries, service
from supply.offers.schemas import Offer, OfferIn
from supply.orders.schemas import Order, order_answer
from supply.parties import PARTIES
from supply.requests.routes import router as requests_router
from supply.requests.service import visible_request
from supply.schemas import StatusReason
from supply.settings import SupplySettings

router = Router(prefix="/api/v1/supply/offers", tags=["offers"], dependencies=PARTIES)
# The offers of one request, under the request's path.
on_requests = Router(prefix=requests_router.prefix, tags=["requests"], dependencies=PARTIES)


@on_requests.get(
    "/{request_id}/offers",
    response_model=Page[Offer],
    summary="Offers on a request: all for its member, admin and procurement; a supplier's own",
)
async def list_offers(request_id: UUID, read: ReadDep, page: PageDep) -> Response:
    await visible_request(read, read.caller, request_id)
    visible = access.visibility(read.caller)
    return await queries.OFFERS.page(read, page, request_id=request_id, **visible)


@on_requests.post(
    "/{request_id}/offers",
    status_code=status.HTTP_201_CREATED,
    dependencies=[require_role("supplier")],
    summary="Quote on an open request (a verified supplier); a new offer replaces its live one",
)
async def submit_offer(
    request_id: UUID, body: OfferIn, write: WriteDep, response: Response
) -> Offer:
    offer = await write(service.submit_offer, request_id=request_id, offer=body)
    response.headers["Location"] = f"{router.prefix}/{offer['id']}"
    return Offer.model_validate(dict(offer))


@router.get(
    "/{offer_id}",
    summary="One offer (its supplier, the requesting member, admin, procurement)",
)
async def get_offer(offer_id: UUID, read: ReadDep) -> Offer:
    return Offer.model_validate(dict(await service.offer(read, read.caller, offer_id)))


@router.post(
    "/{offer_id}/accept",
    status_code=status.HTTP_201_CREATED,
    dependencies=[require_role("member")],
    summary="Accept a live offer: places the order, closes the request, declines the others",
)
async def accept(offer_id: UUID, request: Request, write: WriteDep) -> Order:
    rate = settings_of(request, SupplySettings).usd_uzs_rate
    order = await write(service.accept_offer, offer_id=offer_id, usd_uzs_rate=rate)
    return order_answer(*order)


@router.post(
    "/{offer_id}/withdraw",
    dependencies=[require_role("supplier")],
    summary="Withdraw a live offer (its supplier)",
)
async def withdraw(offer_id: UUID, write: WriteDep, body: StatusReason | None = None) -> Offer:
    offer = await write(
        service.withdraw_offer, offer_id=offer_id, reason=body.reason if body else None
    )
    return Offer.model_validate(dict(offer))
