"""Supply use cases: plain async functions over a session; the caller commits.

Who sees what is decided here, once: a supplier sees only open requests in its categories
(and those it quoted on) and only its own offers; a member sees only its own requests, the
offers on them and its own orders; admin and procurement see everything. Every state change
locks its row, checks the state it found (409 names it) and publishes exactly one event per
transition. Accepting an offer locks the request first, so an RFQ is answered once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from sqlalchemy import Row, and_, exists, false, insert, or_, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from clusterkit.auth import Caller
from clusterkit.db import database_now
from clusterkit.errors import InvalidFields, NotFound
from clusterkit.events import CloudEvent
from clusterkit.problems import Problem
from clusterkit.versioning import stale
from supply import events as ev
from supply.domain import (
    ORDER_TRANSITIONS,
    Currency,
    ItemStatus,
    OfferStatus,
    OrderAction,
    OrderStatus,
    RequestStatus,
    SupplierStatus,
)
from supply.models import (
    deliveries,
    effective_status,
    items,
    members,
    offers,
    order_lines,
    orders,
    requests,
    suppliers,
)

Publish = Callable[[CloudEvent], None]
CENT = Decimal("0.01")
SUPPLIERS_PATH = "/api/v1/supply/suppliers"


def _money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _org(caller: Caller) -> uuid.UUID | None:
    try:
        return uuid.UUID(caller.organisation_id) if caller.organisation_id else None
    except ValueError:
        return None


def _forbidden(detail: str) -> Problem:
    return Problem(403, detail, code="forbidden")


# -- the parties ----------------------------------------------------------------------------


def _supplier_party(supplier: Row[Any] | Mapping[str, Any]) -> ev.SupplierParty:
    s = supplier if isinstance(supplier, Mapping) else supplier._mapping
    return ev.SupplierParty(
        id=s["id"], legal_name=s["legal_name"], stir=s["stir"], is_local=s["is_local"]
    )


async def _supplier(session: AsyncSession, supplier_id: uuid.UUID) -> Row[Any]:
    row = (
        await session.execute(select(suppliers).where(suppliers.c.id == supplier_id))
    ).one_or_none()
    if row is None:
        raise NotFound("supplier")
    return row


async def acting_supplier(
    session: AsyncSession, caller: Caller, supplier_id: uuid.UUID | None = None
) -> Row[Any]:
    """The verified supplier the caller acts for: a supplier key acts for its own supplier,
    an admin for the one it names."""
    if caller.role == "supplier":
        own = _org(caller)
        if own is None or (supplier_id is not None and supplier_id != own):
            raise _forbidden("A supplier key acts only for its own supplier.")
        supplier_id = own
    elif not caller.is_admin:
        raise _forbidden("Only suppliers (or admins for them) do this.")
    if supplier_id is None:
        raise InvalidFields(("supplier_id", "an admin names the supplier"))
    supplier = await _supplier(session, supplier_id)
    if supplier.status != SupplierStatus.VERIFIED:
        raise Problem(
            403,
            f"The supplier is {supplier.status}; only verified suppliers trade.",
            code="supplier-not-verified",
            status_of_supplier=supplier.status,
        )
    return supplier


async def active_member(session: AsyncSession, caller: Caller) -> Row[Any]:
    """The member behind a member key, if the cluster counts it active right now."""
    member_id = _org(caller)
    if caller.role != "member" or member_id is None:
        raise _forbidden("Only a cluster member's key does this.")
    query = select(*members.c, effective_status().label("effective_status")).where(
        members.c.id == member_id
    )
    member = (await session.execute(query)).one_or_none()
    state = member.effective_status if member else "unknown"
    if member is None or state != "active":
        raise Problem(
            403,
            "Only active cluster members request supplies and accept offers"
            + (" (this member is not known to supply yet)." if member is None else "."),
            code="member-not-active",
            status_of_member=state,
        )
    return cast(Row[Any], member)


# -- suppliers ------------------------------------------------------------------------------


async def register_supplier(session: AsyncSession, data: Mapping[str, Any]) -> dict[str, Any]:
    now = await database_now(session)
    values = {
        **data,
        "id": uuid.uuid4(),
        "status": SupplierStatus.PENDING,
        "created_at": now,
        "updated_at": now,
    }
    try:
        async with session.begin_nested():
            row = (
                await session.execute(insert(suppliers).values(values).returning(suppliers))
            ).one()
    except IntegrityError:
        existing = await session.scalar(
            select(suppliers.c.id).where(suppliers.c.stir == data["stir"])
        )
        raise Problem(
            409,
            f"A supplier with STIR {data['stir']} is already registered.",
            code="duplicate-stir",
            existing=f"{SUPPLIERS_PATH}/{existing}",
        ) from None
    return dict(row._mapping)


SUPPLIER_MOVES = {
    SupplierStatus.VERIFIED: (SupplierStatus.PENDING, SupplierStatus.SUSPENDED),
    SupplierStatus.SUSPENDED: (SupplierStatus.PENDING, SupplierStatus.VERIFIED),
}


async def set_supplier_status(
    session: AsyncSession, supplier_id: uuid.UUID, status: SupplierStatus, reason: str | None
) -> dict[str, Any]:
    current = (
        await session.execute(
            select(suppliers.c.status).where(suppliers.c.id == supplier_id).with_for_update()
        )
    ).one_or_none()
    if current is None:
        raise NotFound("supplier")
    if current.status not in SUPPLIER_MOVES[status]:
        raise Problem(
            409,
            f"The supplier is already {current.status}.",
            code="illegal-transition",
            current_status=current.status,
        )
    row = (
        await session.execute(
            update(suppliers)
            .where(suppliers.c.id == supplier_id)
            .values(status=status, status_reason=reason, updated_at=await database_now(session))
            .returning(suppliers)
        )
    ).one()
    return dict(row._mapping)


# -- catalogue items ------------------------------------------------------------------------


def _item_event(item: Mapping[str, Any], supplier: Row[Any], at: datetime) -> ev.ItemChanged:
    return ev.ItemChanged(
        item_id=item["id"],
        supplier=_supplier_party(supplier),
        name=item["name"],
        category=item["category"],
        hs_code=item["hs_code"],
        unit=item["unit"],
        unit_price=ev.Money(amount=item["unit_price"], currency=item["currency"]),
        local_content_pct=item["local_content_pct"],
        lead_time_days=item["lead_time_days"],
        available_quantity=item["available_quantity"],
        certifications=item["certifications"],
        status=item["status"],
        version=item["version"],
        occurred_at=at,
    )


async def list_item(
    session: AsyncSession, publish: Publish, caller: Caller, data: Mapping[str, Any]
) -> dict[str, Any]:
    supplier = await acting_supplier(session, caller, data.get("supplier_id"))
    now = await database_now(session)
    values = {
        **data,
        "id": uuid.uuid4(),
        "supplier_id": supplier.id,
        "status": ItemStatus.LISTED,
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }
    item = dict(
        (await session.execute(insert(items).values(values).returning(items))).one()._mapping
    )
    publish(ev.contracts.event(ev.ITEM_LISTED, _item_event(item, supplier, now)))
    return item


async def get_item(session: AsyncSession, item_id: uuid.UUID) -> dict[str, Any]:
    row = (await session.execute(select(items).where(items.c.id == item_id))).one_or_none()
    if row is None:
        raise NotFound("catalogue item")
    return dict(row._mapping)


async def _own_item(session: AsyncSession, caller: Caller, item_id: uuid.UUID) -> Row[Any]:
    item = (
        await session.execute(select(items).where(items.c.id == item_id).with_for_update())
    ).one_or_none()
    if item is None:
        raise NotFound("catalogue item")
    await acting_supplier(session, caller, item.supplier_id)
    return item


async def change_item(
    session: AsyncSession,
    publish: Publish,
    caller: Caller,
    item_id: uuid.UUID,
    *,
    expected_version: int,
    changes: Mapping[str, Any],
) -> dict[str, Any]:
    """Change an item; a new price is its own event (``price_changed``), the rest ``updated``."""
    item = await _own_item(session, caller, item_id)
    if item.version != expected_version:
        raise stale(item.version)
    if item.status != ItemStatus.LISTED:
        raise Problem(
            409,
            "A delisted item does not change.",
            code="illegal-transition",
            current_status=item.status,
        )
    changed = {k: v for k, v in changes.items() if getattr(item, k) != v}
    if not changed:
        return dict(item._mapping)
    now = await database_now(session)
    updated = dict(
        (
            await session.execute(
                update(items)
                .where(items.c.id == item_id)
                .values(**changed, updated_at=now, version=item.version + 1)
                .returning(items)
            )
        )
        .one()
        ._mapping
    )
    price = {"unit_price", "currency"}
    if changed.keys() & price:
        publish(
            ev.contracts.event(
                ev.ITEM_PRICE_CHANGED,
                ev.ItemPriceChanged(
                    item_id=item_id,
                    supplier_id=item.supplier_id,
                    unit=updated["unit"],
                    unit_price=ev.Money(amount=updated["unit_price"], currency=updated["currency"]),
                    previous_unit_price=ev.Money(amount=item.unit_price, currency=item.currency),
                    version=updated["version"],
                    occurred_at=now,
                ),
            )
        )
    if changed.keys() - price:
        supplier = await _supplier(session, item.supplier_id)
        publish(ev.contracts.event(ev.ITEM_UPDATED, _item_event(updated, supplier, now)))
    return updated


async def delist_item(
    session: AsyncSession, publish: Publish, caller: Caller, item_id: uuid.UUID
) -> dict[str, Any]:
    item = await _own_item(session, caller, item_id)
    if item.status != ItemStatus.LISTED:
        raise Problem(
            409,
            "The item is already delisted.",
            code="illegal-transition",
            current_status=item.status,
        )
    now = await database_now(session)
    updated = dict(
        (
            await session.execute(
                update(items)
                .where(items.c.id == item_id)
                .values(status=ItemStatus.DELISTED, updated_at=now, version=item.version + 1)
                .returning(items)
            )
        )
        .one()
        ._mapping
    )
    supplier = await _supplier(session, item.supplier_id)
    publish(ev.contracts.event(ev.ITEM_DELISTED, _item_event(updated, supplier, now)))
    return updated


# -- requests for quotation -----------------------------------------------------------------


def visible_requests(caller: Caller) -> ColumnElement[bool]:
    """The requests ``caller`` may know of, as a WHERE clause."""
    r = requests.c
    org = _org(caller)
    if caller.role in ("admin", "procurement"):
        return true()
    if caller.role == "member" and org is not None:
        return r.member_id == org
    if caller.role == "supplier" and org is not None:
        quoted = exists().where(offers.c.request_id == r.id, offers.c.supplier_id == org)
        verified_in_categories = exists().where(
            suppliers.c.id == org,
            suppliers.c.status == SupplierStatus.VERIFIED,
            suppliers.c.categories.overlap(r.categories),
        )
        return or_(and_(r.status == RequestStatus.OPEN, verified_in_categories), quoted)
    return false()


async def get_request(
    session: AsyncSession, caller: Caller, request_id: uuid.UUID, *, lock: bool = False
) -> Row[Any]:
    query = select(requests).where(requests.c.id == request_id, visible_requests(caller))
    row = (await session.execute(query.with_for_update() if lock else query)).one_or_none()
    if row is None:
        raise NotFound("supply request")
    return row


async def _request_lines(
    session: AsyncSession, lines: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Lines as stored: catalogue lines take their HS code, name and category from the item
    (listed, by a verified supplier) and must use its unit."""
    ids = [line["catalogue_item_id"] for line in lines if line.get("catalogue_item_id")]
    found = {
        row.id: row
        for row in (
            await session.execute(
                select(items)
                .join(suppliers, suppliers.c.id == items.c.supplier_id)
                .where(
                    items.c.id.in_(ids),
                    items.c.status == ItemStatus.LISTED,
                    suppliers.c.status == SupplierStatus.VERIFIED,
                )
            )
        ).all()
    }
    out, errors = [], []
    for n, line in enumerate(lines):
        item_id = line.get("catalogue_item_id")
        stored = {
            "line_no": n + 1,
            "catalogue_item_id": str(item_id) if item_id else None,
            "quantity": str(line["quantity"]),
            "unit": line["unit"],
        }
        if item_id is None:
            missing = [f for f in ("hs_code", "description", "category") if not line.get(f)]
            errors += [(f"lines.{n}.{f}", "needed when no catalogue_item_id") for f in missing]
            stored |= {f: line.get(f) for f in ("hs_code", "description", "category")}
        elif (item := found.get(item_id)) is None:
            errors.append((f"lines.{n}.catalogue_item_id", "no listed catalogue item with this id"))
        else:
            if line["unit"] != item.unit:
                errors.append((f"lines.{n}.unit", f"this item is sold in {item.unit}"))
            stored |= {
                "hs_code": item.hs_code,
                "description": line.get("description") or item.name,
                "category": item.category,
            }
        out.append(stored)
    if errors:
        raise InvalidFields(*errors)
    return out


async def open_request(
    session: AsyncSession, publish: Publish, caller: Caller, data: Mapping[str, Any]
) -> dict[str, Any]:
    member = await active_member(session, caller)
    now = await database_now(session)
    if data["needed_by"] < now.date():
        raise InvalidFields(("needed_by", "must not be in the past"))
    lines = await _request_lines(session, data["lines"])
    values = {
        "id": uuid.uuid4(),
        "member_id": member.id,
        "lines": lines,
        "categories": sorted({line["category"] for line in lines}),
        "needed_by": data["needed_by"],
        "delivery_region": data["delivery_region"],
        "note": data.get("note"),
        "status": RequestStatus.OPEN,
        "created_at": now,
        "updated_at": now,
    }
    row = dict(
        (await session.execute(insert(requests).values(values).returning(requests))).one()._mapping
    )
    publish(
        ev.contracts.event(
            ev.REQUEST_OPENED,
            ev.RequestOpened(
                request_id=row["id"],
                member=ev.Party(id=member.id, legal_name=member.legal_name, stir=member.stir),
                lines=[ev.RequestLine.model_validate(line) for line in lines],
                categories=row["categories"],
                needed_by=row["needed_by"],
                delivery_region=row["delivery_region"],
                opened_at=now,
            ),
        )
    )
    return row


async def _decline_live_offers(
    session: AsyncSession,
    publish: Publish,
    request_id: uuid.UUID,
    reason: str,
    at: datetime,
    keep: uuid.UUID | None = None,
) -> None:
    query = (
        update(offers)
        .where(offers.c.request_id == request_id, offers.c.status == OfferStatus.LIVE)
        .values(status=OfferStatus.DECLINED, updated_at=at)
        .returning(offers.c.id, offers.c.supplier_id)
    )
    if keep is not None:
        query = query.where(offers.c.id != keep)
    for offer in (await session.execute(query)).all():
        publish(
            ev.contracts.event(
                ev.OFFER_DECLINED,
                ev.OfferClosed(
                    offer_id=offer.id,
                    request_id=request_id,
                    supplier_id=offer.supplier_id,
                    status=OfferStatus.DECLINED,
                    reason=reason,
                    occurred_at=at,
                ),
            )
        )


async def _cancel(
    session: AsyncSession, publish: Publish, request: Row[Any], by: str, reason: str
) -> dict[str, Any]:
    if request.status != RequestStatus.OPEN:
        raise Problem(
            409,
            f"Cannot cancel a request that is {request.status}.",
            code="illegal-transition",
            current_status=request.status,
        )
    now = await database_now(session)
    row = (
        await session.execute(
            update(requests)
            .where(requests.c.id == request.id)
            .values(status=RequestStatus.CANCELLED, status_reason=reason, updated_at=now)
            .returning(requests)
        )
    ).one()
    await _decline_live_offers(session, publish, request.id, "The request was cancelled.", now)
    publish(
        ev.contracts.event(
            ev.REQUEST_CANCELLED,
            ev.RequestCancelled(
                request_id=request.id,
                member_id=request.member_id,
                cancelled_by=by,
                reason=reason,
                occurred_at=now,
            ),
        )
    )
    return dict(row._mapping)


async def cancel_request(
    session: AsyncSession, publish: Publish, caller: Caller, request_id: uuid.UUID, reason: str
) -> dict[str, Any]:
    request = await get_request(session, caller, request_id, lock=True)
    if not (caller.is_admin or caller.role == "member"):
        raise _forbidden("Only the requesting member or an admin cancels a request.")
    return await _cancel(
        session, publish, request, "admin" if caller.is_admin else "member", reason
    )


async def cancel_requests_of_member(
    session: AsyncSession, publish: Publish, member_id: uuid.UUID, reason: str
) -> int:
    """The member left good standing: its open requests are cancelled, each with its event."""
    open_ones = (
        await session.execute(
            select(requests)
            .where(requests.c.member_id == member_id, requests.c.status == RequestStatus.OPEN)
            .order_by(requests.c.created_at)
            .with_for_update()
        )
    ).all()
    for request in open_ones:
        await _cancel(session, publish, request, "membership", reason)
    return len(open_ones)


# -- offers ---------------------------------------------------------------------------------


def _offer_lines(
    request: Row[Any], lines: Sequence[Mapping[str, Any]]
) -> tuple[list[dict[str, Any]], Decimal]:
    """Every request line quoted once, in the request's units; amounts computed here."""
    wanted = {line["line_no"]: line for line in request.lines}
    errors: list[tuple[str, str]] = []
    seen: set[int] = set()
    out = []
    for n, line in enumerate(lines):
        asked = wanted.get(line["line_no"])
        if asked is None:
            errors.append((f"lines.{n}.line_no", "no such line in the request"))
            continue
        if line["line_no"] in seen:
            errors.append((f"lines.{n}.line_no", "quoted twice"))
        seen.add(line["line_no"])
        if line["unit"] != asked["unit"]:
            errors.append((f"lines.{n}.unit", f"the request asks in {asked['unit']}"))
        amount = _money(line["quantity"] * line["unit_price"])
        out.append(
            {
                "line_no": line["line_no"],
                "quantity": str(line["quantity"]),
                "unit": line["unit"],
                "unit_price": str(line["unit_price"]),
                "amount": str(amount),
                "delivery_date": line["delivery_date"].isoformat(),
            }
        )
    errors += [("lines", f"line {no} is not quoted") for no in sorted(wanted.keys() - seen)]
    if errors:
        raise InvalidFields(*errors)
    return out, sum((Decimal(line["amount"]) for line in out), Decimal(0))


def _offer_event(
    offer: Mapping[str, Any], request: Row[Any], supplier: Row[Any]
) -> ev.OfferSubmitted:
    return ev.OfferSubmitted(
        offer_id=offer["id"],
        request_id=request.id,
        member_id=request.member_id,
        supplier=_supplier_party(supplier),
        lines=[ev.OfferLine.model_validate(line) for line in offer["lines"]],
        total=ev.Money(amount=offer["total_amount"], currency=offer["currency"]),
        valid_until=offer["valid_until"],
        replaces_offer_id=offer["replaces_offer_id"],
        occurred_at=offer["created_at"],
    )


async def submit_offer(
    session: AsyncSession,
    publish: Publish,
    caller: Caller,
    request_id: uuid.UUID,
    data: Mapping[str, Any],
) -> dict[str, Any]:
    """A supplier's quotation; a second one from the same supplier replaces the first."""
    if caller.role != "supplier":
        raise _forbidden("Offers are made with a supplier's key.")
    supplier = await acting_supplier(session, caller)
    request = await get_request(session, caller, request_id, lock=True)
    if request.status != RequestStatus.OPEN:
        raise Problem(
            409,
            f"The request is {request.status}; offers are taken on open requests only.",
            code="request-not-open",
            current_status=request.status,
        )
    now = await database_now(session)
    if data["valid_until"] <= now:
        raise InvalidFields(("valid_until", "must be in the future"))
    lines, total = _offer_lines(request, data["lines"])
    replaced = (
        await session.execute(
            update(offers)
            .where(
                offers.c.request_id == request_id,
                offers.c.supplier_id == supplier.id,
                offers.c.status == OfferStatus.LIVE,
            )
            .values(status=OfferStatus.REPLACED, updated_at=now)
            .returning(offers.c.id)
        )
    ).scalar_one_or_none()
    values = {
        "id": uuid.uuid4(),
        "request_id": request_id,
        "supplier_id": supplier.id,
        "status": OfferStatus.LIVE,
        "lines": lines,
        "currency": data["currency"],
        "total_amount": total,
        "valid_until": data["valid_until"],
        "note": data.get("note"),
        "replaces_offer_id": replaced,
        "created_at": now,
        "updated_at": now,
    }
    offer = dict(
        (await session.execute(insert(offers).values(values).returning(offers))).one()._mapping
    )
    kind = ev.OFFER_SUBMITTED if replaced is None else ev.OFFER_REPLACED
    publish(ev.contracts.event(kind, _offer_event(offer, request, supplier)))
    return offer


def _may_read_offer(caller: Caller, offer: Row[Any], request: Row[Any]) -> bool:
    org = _org(caller)
    return (
        caller.role in ("admin", "procurement")
        or (caller.role == "supplier" and offer.supplier_id == org)
        or (caller.role == "member" and request.member_id == org)
    )


async def get_offer(
    session: AsyncSession, caller: Caller, offer_id: uuid.UUID, *, lock: bool = False
) -> tuple[Row[Any], Row[Any]]:
    """The offer and its request; 403 for a party that is not on it."""
    offer = (await session.execute(select(offers).where(offers.c.id == offer_id))).one_or_none()
    if offer is None:
        raise NotFound("offer")
    # Lock order: the request, then the offer (as submit and accept do).
    request_query = select(requests).where(requests.c.id == offer.request_id)
    request = (
        await session.execute(request_query.with_for_update() if lock else request_query)
    ).one()
    if lock:
        offer = (
            await session.execute(select(offers).where(offers.c.id == offer_id).with_for_update())
        ).one()
    if not _may_read_offer(caller, offer, request):
        raise _forbidden("Only the supplier that made an offer and the requesting member see it.")
    return offer, request


def offers_visible_to(caller: Caller) -> ColumnElement[bool]:
    """Within a request the caller can see: a supplier sees its own offers only."""
    if caller.role == "supplier":
        return offers.c.supplier_id == _org(caller)
    return true()


async def withdraw_offer(
    session: AsyncSession, publish: Publish, caller: Caller, offer_id: uuid.UUID, reason: str | None
) -> dict[str, Any]:
    offer, request = await get_offer(session, caller, offer_id, lock=True)
    if caller.role != "supplier":
        raise _forbidden("Only the supplier that made an offer withdraws it.")
    if offer.status != OfferStatus.LIVE:
        raise Problem(
            409,
            f"Cannot withdraw an offer that is {offer.status}.",
            code="illegal-transition",
            current_status=offer.status,
        )
    now = await database_now(session)
    row = (
        await session.execute(
            update(offers)
            .where(offers.c.id == offer_id)
            .values(status=OfferStatus.WITHDRAWN, updated_at=now)
            .returning(offers)
        )
    ).one()
    publish(
        ev.contracts.event(
            ev.OFFER_WITHDRAWN,
            ev.OfferClosed(
                offer_id=offer_id,
                request_id=request.id,
                supplier_id=offer.supplier_id,
                status=OfferStatus.WITHDRAWN,
                reason=reason,
                occurred_at=now,
            ),
        )
    )
    return dict(row._mapping)


async def accept_offer(
    session: AsyncSession,
    publish: Publish,
    caller: Caller,
    offer_id: uuid.UUID,
    usd_uzs_rate: Decimal,
) -> dict[str, Any]:
    """The requesting member accepts a live, unexpired offer: an order is placed, the request
    closes and every other live offer on it is declined, in one transaction."""
    member = await active_member(session, caller)
    offer, request = await get_offer(session, caller, offer_id, lock=True)
    if request.member_id != member.id:
        raise _forbidden("Only the requesting member accepts an offer.")
    if request.status != RequestStatus.OPEN:
        raise Problem(
            409,
            f"The request is already {request.status}.",
            code="request-not-open",
            current_status=request.status,
        )
    if offer.status != OfferStatus.LIVE:
        raise Problem(
            409,
            f"The offer is {offer.status}; only a live offer can be accepted.",
            code="offer-not-live",
            current_status=offer.status,
        )
    now = await database_now(session)
    if offer.valid_until < now:
        raise Problem(
            409,
            f"The offer expired at {offer.valid_until.isoformat()}.",
            code="offer-expired",
            valid_until=offer.valid_until.isoformat(),
        )
    supplier = await _supplier(session, offer.supplier_id)
    if supplier.status != SupplierStatus.VERIFIED:
        raise Problem(
            409,
            f"The supplier is {supplier.status}; its offers cannot be accepted now.",
            code="supplier-not-verified",
            status_of_supplier=supplier.status,
        )
    rate = Decimal(1) if offer.currency == Currency.UZS else usd_uzs_rate
    asked = {line["line_no"]: line for line in request.lines}
    lines = [
        {
            **{
                k: asked[o["line_no"]][k]
                for k in ("catalogue_item_id", "hs_code", "description", "category")
            },
            "line_no": o["line_no"],
            "quantity": Decimal(o["quantity"]),
            "unit": o["unit"],
            "unit_price": Decimal(o["unit_price"]),
            "amount": Decimal(o["amount"]),
            "delivery_date": date.fromisoformat(o["delivery_date"]),
        }
        for o in offer.lines
    ]
    order_id = uuid.uuid4()
    order = dict(
        (
            await session.execute(
                insert(orders)
                .values(
                    id=order_id,
                    request_id=request.id,
                    offer_id=offer.id,
                    member_id=member.id,
                    supplier_id=supplier.id,
                    supplier_is_local=supplier.is_local,
                    status=OrderStatus.PLACED,
                    currency=offer.currency,
                    total_amount=offer.total_amount,
                    usd_uzs_rate=rate,
                    total_uzs=sum((_money(line["amount"] * rate) for line in lines), Decimal(0)),
                    needed_by=request.needed_by,
                    delivery_region=request.delivery_region,
                    placed_at=now,
                    updated_at=now,
                )
                .returning(orders)
            )
        )
        .one()
        ._mapping
    )
    await session.execute(insert(order_lines), [{**line, "order_id": order_id} for line in lines])
    await session.execute(
        update(offers)
        .where(offers.c.id == offer.id)
        .values(status=OfferStatus.ACCEPTED, updated_at=now)
    )
    await session.execute(
        update(requests)
        .where(requests.c.id == request.id)
        .values(
            status=RequestStatus.CLOSED, status_reason=f"offer {offer.id} accepted", updated_at=now
        )
    )
    publish(
        ev.contracts.event(
            ev.ORDER_PLACED,
            ev.OrderPlaced(
                order_id=order_id,
                request_id=request.id,
                offer_id=offer.id,
                member=ev.Party(id=member.id, legal_name=member.legal_name, stir=member.stir),
                supplier=_supplier_party(supplier),
                lines=[ev.OrderLine.model_validate(line) for line in lines],
                total=ev.Money(amount=order["total_amount"], currency=order["currency"]),
                usd_uzs_rate=rate,
                total_uzs=order["total_uzs"],
                needed_by=request.needed_by,
                delivery_region=request.delivery_region,
                placed_at=now,
            ),
        )
    )
    publish(
        ev.contracts.event(
            ev.REQUEST_CLOSED,
            ev.RequestClosed(
                request_id=request.id,
                member_id=member.id,
                offer_id=offer.id,
                order_id=order_id,
                supplier_id=supplier.id,
                occurred_at=now,
            ),
        )
    )
    await _decline_live_offers(
        session, publish, request.id, "Another offer was accepted.", now, keep=offer.id
    )
    return order


# -- orders ---------------------------------------------------------------------------------


def visible_orders(caller: Caller) -> ColumnElement[bool]:
    org = _org(caller)
    if caller.role in ("admin", "procurement"):
        return true()
    if caller.role == "member" and org is not None:
        return orders.c.member_id == org
    if caller.role == "supplier" and org is not None:
        return orders.c.supplier_id == org
    return false()


async def get_order(
    session: AsyncSession, caller: Caller, order_id: uuid.UUID, *, lock: bool = False
) -> Row[Any]:
    query = select(orders).where(orders.c.id == order_id, visible_orders(caller))
    row = (await session.execute(query.with_for_update() if lock else query)).one_or_none()
    if row is None:
        raise NotFound("order")
    return row


async def lines_of(
    session: AsyncSession, order_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    out: dict[uuid.UUID, list[dict[str, Any]]] = {}
    rows = await session.execute(
        select(order_lines)
        .where(order_lines.c.order_id.in_(list(order_ids)))
        .order_by(order_lines.c.order_id, order_lines.c.line_no)
    )
    for row in rows:
        out.setdefault(row.order_id, []).append(dict(row._mapping))
    return out


ORDER_EVENTS = {
    OrderAction.CONFIRM: (ev.ORDER_CONFIRMED, OrderStatus.CONFIRMED, "confirmed_at"),
    OrderAction.SHIP: (ev.ORDER_SHIPPED, OrderStatus.SHIPPED, "shipped_at"),
    OrderAction.CANCEL: (ev.ORDER_CANCELLED, OrderStatus.CANCELLED, "cancelled_at"),
}


async def move_order(
    session: AsyncSession,
    publish: Publish,
    caller: Caller,
    order_id: uuid.UUID,
    action: OrderAction,
    *,
    reason: str | None = None,
    received: Sequence[Mapping[str, Any]] = (),
    note: str | None = None,
) -> dict[str, Any]:
    """One step of an order, by the party allowed to take it (409 names the state found)."""
    roles, from_states = ORDER_TRANSITIONS[action]
    order = await get_order(session, caller, order_id, lock=True)
    if caller.role not in roles:
        raise _forbidden(f"A {caller.role} cannot {action.value} an order.")
    if order.status not in from_states:
        raise Problem(
            409,
            f"Cannot {action.value} an order that is {order.status}.",
            code="illegal-transition",
            current_status=order.status,
            allowed_from=[s.value for s in from_states],
        )
    now = await database_now(session)
    if action is OrderAction.DELIVER:
        return await _receive(session, publish, caller, order, received, note, now)
    type_, status, stamp = ORDER_EVENTS[action]
    row = (
        await session.execute(
            update(orders)
            .where(orders.c.id == order_id)
            .values(status=status, updated_at=now, cancel_reason=reason, **{stamp: now})
            .returning(orders)
        )
    ).one()
    publish(
        ev.contracts.event(
            type_,
            ev.OrderMoved(
                order_id=order_id,
                member_id=order.member_id,
                supplier_id=order.supplier_id,
                status=status,
                previous_status=order.status,
                reason=reason,
                occurred_at=now,
            ),
        )
    )
    return dict(row._mapping)


async def _receive(
    session: AsyncSession,
    publish: Publish,
    caller: Caller,
    order: Row[Any],
    received: Sequence[Mapping[str, Any]],
    note: str | None,
    now: datetime,
) -> dict[str, Any]:
    """Record a delivery (all or part of some lines); delivered once every line is full."""
    current = {line["line_no"]: line for line in (await lines_of(session, [order.id]))[order.id]}
    errors: list[tuple[str, str]] = []
    took: dict[int, Decimal] = {}
    for n, line in enumerate(received):
        ordered = current.get(line["line_no"])
        if ordered is None:
            errors.append((f"lines.{n}.line_no", "no such line in the order"))
            continue
        total = ordered["delivered_quantity"] + took.get(line["line_no"], 0) + line["quantity"]
        if total > ordered["quantity"]:
            errors.append(
                (
                    f"lines.{n}.quantity",
                    f"more than ordered ({ordered['quantity']} {ordered['unit']})",
                )
            )
        took[line["line_no"]] = took.get(line["line_no"], Decimal(0)) + line["quantity"]
    if errors:
        raise InvalidFields(*errors)
    for line_no, quantity in took.items():
        current[line_no]["delivered_quantity"] += quantity
        await session.execute(
            update(order_lines)
            .where(order_lines.c.order_id == order.id, order_lines.c.line_no == line_no)
            .values(delivered_quantity=current[line_no]["delivered_quantity"])
        )
    await session.execute(
        insert(deliveries).values(
            order_id=order.id,
            lines=[{"line_no": k, "quantity": str(v)} for k, v in took.items()],
            note=note,
            recorded_by=caller.role,
            recorded_at=now,
        )
    )
    complete = all(line["delivered_quantity"] == line["quantity"] for line in current.values())
    values: dict[str, Any] = {"updated_at": now}
    if complete:
        values |= {"status": OrderStatus.DELIVERED, "delivered_at": now}
    row = (
        await session.execute(
            update(orders).where(orders.c.id == order.id).values(**values).returning(orders)
        )
    ).one()
    publish(
        ev.contracts.event(
            ev.ORDER_DELIVERED,
            ev.OrderDelivered(
                order_id=order.id,
                member_id=order.member_id,
                supplier_id=order.supplier_id,
                status=row.status,
                complete=complete,
                lines=[
                    ev.DeliveredLine(
                        line_no=line_no,
                        received=quantity,
                        delivered_quantity=current[line_no]["delivered_quantity"],
                        ordered_quantity=current[line_no]["quantity"],
                        unit=current[line_no]["unit"],
                    )
                    for line_no, quantity in sorted(took.items())
                ],
                occurred_at=now,
            ),
        )
    )
    return dict(row._mapping)
