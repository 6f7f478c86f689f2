"""``/api/v1/supply/offers/{id}``: read, accept (the requesting member) or withdraw (the
supplier that made it)."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request, status

from clusterkit.app import settings_of
from clusterkit.auth import CallerDep, require_role
from clusterkit.legacy import ReaderDep, UnitOfWorkDep
from supply import service
from supply.api.orders import order_view
from supply.api.schemas import Offer, Order, StatusReason
from supply.settings import SupplySettings

router = APIRouter(
    prefix="/api/v1/supply/offers",
    tags=["offers"],
    dependencies=[require_role("member", "supplier", "admin", "procurement")],
)


@router.get(
    "/{offer_id}",
    response_model=Offer,
    summary="One offer (its supplier, the requesting member, admin, procurement)",
)
async def get_offer(offer_id: UUID, session: ReaderDep, caller: CallerDep) -> Offer:
    offer, _ = await service.get_offer(session, caller, offer_id)
    return Offer.model_validate(offer._mapping)


@router.post(
    "/{offer_id}/accept",
    status_code=status.HTTP_201_CREATED,
    response_model=Order,
    dependencies=[require_role("member")],
    summary="Accept a live offer: places the order, closes the request, declines the others",
)
async def accept(offer_id: UUID, request: Request, uow: UnitOfWorkDep, caller: CallerDep) -> Order:
    settings = settings_of(request, SupplySettings)
    order = await service.accept_offer(
        uow.session, uow.publish, caller, offer_id, settings.usd_uzs_rate
    )
    lines = await service.lines_of(uow.session, [order["id"]])
    await uow.commit()
    return order_view(order, lines[order["id"]])


@router.post(
    "/{offer_id}/withdraw",
    response_model=Offer,
    dependencies=[require_role("supplier")],
    summary="Withdraw a live offer (its supplier)",
)
async def withdraw(
    offer_id: UUID, uow: UnitOfWorkDep, caller: CallerDep, body: StatusReason | None = None
) -> Offer:
    offer = await service.withdraw_offer(
        uow.session, uow.publish, caller, offer_id, body.reason if body else None
    )
    await uow.commit()
    return Offer.model_validate(offer)
