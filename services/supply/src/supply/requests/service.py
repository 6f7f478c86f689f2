"""Opening a request for quotation and cancelling it: by its member or an admin, or by
membership when the member leaves good standing. A cancelled request's live offers are
declined."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from clusterkit.auth import Caller
from clusterkit.errors import NotFound
from clusterkit.i18n import N_
from clusterkit.sql import SQL, Row
from clusterkit.unit_of_work import UnitOfWork
from supply.events import contracts
from supply.members.service import active_member
from supply.offers.service import decline_live_offers
from supply.parties import member_party
from supply.requests import access, events, queries, rules
from supply.requests.schemas import SupplyRequest, SupplyRequestIn


async def open_request(uow: UnitOfWork, *, request: SupplyRequestIn) -> dict[str, Any]:
    """An active member asks for quotations; the answer (JSON), as an Idempotency-Key
    replays it."""
    member = await active_member(uow)
    rules.ensure_needed_by(request.needed_by, (await uow.now()).date())
    named = [line.catalogue_item_id for line in request.lines if line.catalogue_item_id]
    catalogue = (
        {row["id"]: row for row in await uow.fetch(queries.CATALOGUE_LINES, ids=named)}
        if named
        else {}
    )
    lines = rules.stored_lines(request.lines, catalogue)
    opened = await uow.one(
        queries.OPEN_REQUEST,
        id=uuid.uuid4(),
        member_id=member["id"],
        lines=lines,
        categories=rules.categories(lines),
        needed_by=request.needed_by,
        delivery_region=request.delivery_region.value,
        note=request.note,
    )
    assert opened is not None
    uow.publish(
        contracts.event(
            events.REQUEST_OPENED,
            events.RequestOpened(
                request_id=opened["id"],
                member=member_party(member),
                lines=[events.RequestLine.model_validate(line) for line in lines],
                categories=opened["categories"],
                needed_by=opened["needed_by"],
                delivery_region=opened["delivery_region"],
                opened_at=opened["created_at"],
            ),
        )
    )
    return SupplyRequest.model_validate(dict(opened)).model_dump(mode="json")


async def visible_request(sql: SQL, caller: Caller, request_id: uuid.UUID) -> Row:
    return await sql.found(
        queries.REQUEST,
        "supply request",
        N_("No supply request with this id."),
        id=request_id,
        **access.visibility(caller),
    )


async def _cancelled(uow: UnitOfWork, requests: Sequence[Row], *, by: str, reason: str) -> None:
    """The events of cancelled ``requests``: their live offers declined, then each request's
    cancellation."""
    if not requests:
        return
    uow.knows_now(requests[0]["updated_at"])
    await decline_live_offers(
        uow, request_ids=[row["id"] for row in requests], reason="The request was cancelled."
    )
    for request in sorted(requests, key=lambda row: (row["created_at"], row["id"])):
        uow.publish(
            contracts.event(
                events.REQUEST_CANCELLED,
                events.RequestCancelled(
                    request_id=request["id"],
                    member_id=request["member_id"],
                    cancelled_by=by,
                    reason=reason,
                    occurred_at=request["updated_at"],
                ),
            )
        )


async def cancel_request(uow: UnitOfWork, *, request_id: uuid.UUID, reason: str) -> Row:
    """The requesting member or an admin cancels an open request."""
    by = access.canceller(uow.caller)
    visibility = access.visibility(uow.caller)
    cancelled = await uow.one(queries.CANCEL, id=request_id, reason=reason, **visibility)
    if cancelled is None:  # not one the caller may know of, or not open
        status = await uow.value(queries.STATUS, id=request_id, **visibility)
        if status is None:
            raise NotFound("supply request", N_("No supply request with this id."))
        rules.ensure_cancellable(status)
        raise AssertionError("an open request was not cancelled")
    await _cancelled(uow, [cancelled], by=by, reason=reason)
    return cancelled


async def cancel_requests_of_member(uow: UnitOfWork, *, member_id: uuid.UUID, reason: str) -> int:
    """The member left good standing: its open requests are cancelled, each with its event."""
    cancelled = await uow.fetch(queries.CANCEL_OF_MEMBER, member_id=member_id, reason=reason)
    await _cancelled(uow, cancelled, by="membership", reason=reason)
    return len(cancelled)
