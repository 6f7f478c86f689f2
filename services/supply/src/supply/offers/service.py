"""Quoting on a request, withdrawing a quotation, and accepting one: the order is placed,
the request closes and every other live offer on it is declined, in one transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from clusterkit.auth import Caller
from clusterkit.errors import NotFound
from clusterkit.i18n import N_
from clusterkit.sql import SQL, Row
from clusterkit.unit_of_work import UnitOfWork
from supply.domain import Money
from supply.events import contracts
from supply.members.service import active_member
from supply.offers import access, events, queries, rules
from supply.offers.rules import OfferStatus
from supply.offers.schemas import OfferIn
from supply.orders.service import place_order
from supply.parties import organisation, supplier_party
from supply.requests import access as request_access
from supply.requests import queries as request_queries
from supply.requests.events import REQUEST_CLOSED, RequestClosed
from supply.suppliers.service import acting_supplier


async def submit_offer(uow: UnitOfWork, *, request_id: uuid.UUID, offer: OfferIn) -> Row:
    """A supplier's quotation; a second one from the same supplier replaces the first."""
    access.ensure_quotes(uow.caller)
    supplier = await acting_supplier(uow)
    request = await uow.one(
        request_queries.REQUEST_TO_QUOTE, id=request_id, **request_access.visibility(uow.caller)
    )
    if request is None:
        raise NotFound("supply request", N_("No supply request with this id."))
    uow.knows_now(request["now"])
    rules.ensure_takes_offers(request["status"])
    rules.ensure_valid_until(offer.valid_until, request["now"])
    lines, total = rules.quoted_lines(request["lines"], offer.lines)
    replaced = await uow.value(queries.REPLACE, request_id=request_id, supplier_id=supplier["id"])
    submitted = await uow.one(
        queries.SUBMIT,
        id=uuid.uuid4(),
        request_id=request_id,
        supplier_id=supplier["id"],
        lines=lines,
        currency=offer.currency.value,
        total_amount=total,
        valid_until=offer.valid_until,
        note=offer.note,
        replaces_offer_id=replaced,
    )
    assert submitted is not None
    uow.publish(
        contracts.event(
            events.OFFER_SUBMITTED if replaced is None else events.OFFER_REPLACED,
            events.OfferSubmitted(
                offer_id=submitted["id"],
                request_id=request_id,
                member_id=request["member_id"],
                supplier=supplier_party(supplier),
                lines=[events.OfferLine.model_validate(line) for line in lines],
                total=Money(amount=submitted["total_amount"], currency=submitted["currency"]),
                valid_until=submitted["valid_until"],
                replaces_offer_id=replaced,
                occurred_at=submitted["created_at"],
            ),
        )
    )
    return submitted


async def offer(sql: SQL, caller: Caller, offer_id: uuid.UUID) -> Row:
    """The offer, for a party to it."""
    row = await sql.found(queries.OFFER, "offer", N_("No offer with this id."), id=offer_id)
    access.ensure_reads(caller, supplier_id=row["supplier_id"], member_id=row["request_member_id"])
    return row


def _publish_closed(
    uow: UnitOfWork, offers: Iterable[Row], status: OfferStatus, reason: str | None, at: datetime
) -> None:
    """``offer.withdrawn`` or ``offer.declined`` for each of ``offers``."""
    type_ = events.OFFER_WITHDRAWN if status is OfferStatus.WITHDRAWN else events.OFFER_DECLINED
    for closed in offers:
        uow.publish(
            contracts.event(
                type_,
                events.OfferClosed(
                    offer_id=closed["id"],
                    request_id=closed["request_id"],
                    supplier_id=closed["supplier_id"],
                    status=status.value,
                    reason=reason,
                    occurred_at=at,
                ),
            )
        )


async def withdraw_offer(uow: UnitOfWork, *, offer_id: uuid.UUID, reason: str | None) -> Row:
    access.ensure_withdraws(uow.caller)
    withdrawn = await uow.one(queries.WITHDRAW, id=offer_id, supplier_id=organisation(uow.caller))
    if withdrawn is None:  # not found, not the caller's (both raised by the read), or not live
        rules.ensure_withdrawable((await offer(uow, uow.caller, offer_id))["status"])
        raise AssertionError("the caller's live offer was not withdrawn")
    uow.knows_now(withdrawn["updated_at"])
    _publish_closed(uow, [withdrawn], OfferStatus.WITHDRAWN, reason, withdrawn["updated_at"])
    return withdrawn


async def decline_live_offers(
    uow: UnitOfWork, *, request_ids: list[uuid.UUID], reason: str
) -> None:
    """Every live offer on ``request_ids`` declined (the requests were cancelled)."""
    declined = await uow.fetch(queries.DECLINE, request_ids=request_ids)
    _publish_closed(uow, declined, OfferStatus.DECLINED, reason, await uow.now())


async def _offer_to_decide(uow: UnitOfWork, offer_id: uuid.UUID) -> tuple[Row, Row]:
    """The offer and its request, both locked (the request first), for a party to it."""
    request = await uow.one(queries.REQUEST_OF_OFFER, id=offer_id)
    offer = await uow.one(queries.OFFER_TO_DECIDE, id=offer_id) if request else None
    if request is None or offer is None:
        raise NotFound("offer", N_("No offer with this id."))
    access.ensure_reads(
        uow.caller, supplier_id=offer["supplier_id"], member_id=request["member_id"]
    )
    return request, offer


async def accept_offer(
    uow: UnitOfWork, *, offer_id: uuid.UUID, usd_uzs_rate: Decimal
) -> tuple[Row, list[Row]]:
    """The requesting member accepts a live, unexpired offer of a verified supplier."""
    member = await active_member(uow)
    request, offer = await _offer_to_decide(uow, offer_id)
    access.ensure_accepts(member, request)
    rules.ensure_acceptable(
        request_status=request["status"],
        offer_status=offer["status"],
        valid_until=offer["valid_until"],
        now=await uow.now(),
    )
    rules.ensure_supplier_delivers(offer["supplier_status"])
    order, lines = await place_order(
        uow, member=member, request=request, offer=offer, usd_uzs_rate=usd_uzs_rate
    )
    await _close_request(uow, request=request, offer=offer, order_id=order["id"])
    return order, lines


async def _close_request(uow: UnitOfWork, *, request: Row, offer: Row, order_id: uuid.UUID) -> None:
    """The request is answered: the offer accepted, the others declined."""
    decided = await uow.fetch(queries.DECIDE, request_id=request["id"], accepted_id=offer["id"])
    await uow.execute(
        request_queries.CLOSE, id=request["id"], reason=f"offer {offer['id']} accepted"
    )
    uow.publish(
        contracts.event(
            REQUEST_CLOSED,
            RequestClosed(
                request_id=request["id"],
                member_id=request["member_id"],
                offer_id=offer["id"],
                order_id=order_id,
                supplier_id=offer["supplier_id"],
                occurred_at=await uow.now(),
            ),
        )
    )
    declined = [row for row in decided if row["status"] == OfferStatus.DECLINED]
    _publish_closed(
        uow, declined, OfferStatus.DECLINED, "Another offer was accepted.", await uow.now()
    )
