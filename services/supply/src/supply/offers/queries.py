"""The offers' SQL. Deciding an offer locks its request first, then the offer, as quoting
and cancelling the request do: one request's offers are decided one at a time. A withdrawal
takes its one offer row and nothing after it, so it cannot close a cycle with them (lock
order: docs/decisions/0009)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, bindparam, case, func, select, update
from sqlalchemy.dialects.postgresql import ARRAY

from clusterkit.listing import KeysetList
from clusterkit.sql import Query
from supply.offers.rules import OfferStatus
from supply.queries import by_id, made_now, supplier_beside
from supply.tables import offers, requests, suppliers

o, r, s = offers.c, requests.c, suppliers.c
BY_ID = by_id(offers)
LIVE = o.status == OfferStatus.LIVE.value
OF_REQUEST = o.request_id == bindparam("request_id", type_=o.request_id.type)


def _offers(present: frozenset[str]) -> Select[Any]:
    query = select(offers).where(OF_REQUEST)
    if "viewer_supplier" in present:
        query = query.where(o.supplier_id == bindparam("viewer_supplier", type_=o.supplier_id.type))
    return query


OFFERS = KeysetList(_offers, key=[o.created_at, o.id])

# An offer with the member of its request (who may see it).
OFFER = Query(
    select(offers, r.member_id.label("request_member_id"))
    .join(requests, r.id == o.request_id)
    .where(BY_ID)
)
REQUEST_OF_OFFER = Query(
    select(requests)
    .where(r.id == select(o.request_id).where(BY_ID).scalar_subquery())
    .with_for_update(of=requests)
)
# The offer to decide, locked, with its supplier (for the checks and the order's party).
OFFER_TO_DECIDE = Query(
    select(offers, *supplier_beside(s))
    .join(suppliers, s.id == o.supplier_id)
    .where(BY_ID)
    .with_for_update(of=offers)
)

REPLACE = Query(
    update(offers)
    .where(OF_REQUEST, o.supplier_id == bindparam("supplier_id", type_=o.supplier_id.type), LIVE)
    .values(status=OfferStatus.REPLACED.value, updated_at=func.now())
    .returning(o.id)
)
SUBMIT = Query(
    made_now(
        offers,
        [
            "id",
            "request_id",
            "supplier_id",
            "lines",
            "currency",
            "total_amount",
            "valid_until",
            "note",
            "replaces_offer_id",
        ],
        status=OfferStatus.LIVE.value,
    ).returning(offers)
)
# The supplier's live offer, withdrawn; no row: not found, not its own, or not live.
WITHDRAW = Query(
    update(offers)
    .where(BY_ID, o.supplier_id == bindparam("supplier_id", type_=o.supplier_id.type), LIVE)
    .values(status=OfferStatus.WITHDRAWN.value, updated_at=func.now())
    .returning(offers)
)
# The live offers of an accepted one's request: it accepted, every other one declined.
DECIDE = Query(
    update(offers)
    .where(OF_REQUEST, LIVE)
    .values(
        status=case(
            (o.id == bindparam("accepted_id", type_=o.id.type), OfferStatus.ACCEPTED.value),
            else_=OfferStatus.DECLINED.value,
        ),
        updated_at=func.now(),
    )
    .returning(o.id, o.request_id, o.supplier_id, o.status)
)
# The live offers of cancelled requests.
DECLINE = Query(
    update(offers)
    .where(o.request_id == func.any(bindparam("request_ids", type_=ARRAY(o.request_id.type))), LIVE)
    .values(status=OfferStatus.DECLINED.value, updated_at=func.now())
    .returning(o.id, o.request_id, o.supplier_id, o.status)
)
