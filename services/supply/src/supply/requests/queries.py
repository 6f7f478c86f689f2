"""The requests' SQL, each statement shaped by who is looking (see :func:`visible`)."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import (
    Select,
    Text,
    Update,
    and_,
    bindparam,
    exists,
    false,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY

from clusterkit.listing import KeysetList
from clusterkit.sql import Query
from supply.items.rules import ItemStatus
from supply.queries import by_id, equals, given, has_category, made_now
from supply.requests.rules import RequestStatus
from supply.suppliers.rules import SupplierStatus
from supply.tables import items, offers, requests, suppliers

r, o, s, i = requests.c, offers.c, suppliers.c, items.c
BY_ID = by_id(requests)
Statement = TypeVar("Statement", Select[Any], Update)


def visible(statement: Statement, present: frozenset[str]) -> Statement:
    """Only the requests the viewer (:class:`supply.parties.Viewer`) may know of."""
    if "nobody" in present:
        return statement.where(false())
    if "viewer_member" in present:
        return statement.where(r.member_id == bindparam("viewer_member", type_=r.member_id.type))
    if "viewer_supplier" in present:
        supplier = bindparam("viewer_supplier", type_=s.id.type)
        quoted = exists().where(o.request_id == r.id, o.supplier_id == supplier)
        verified_in_categories = exists().where(
            s.id == supplier,
            s.status == SupplierStatus.VERIFIED.value,
            s.categories.overlap(r.categories),
        )
        return statement.where(
            or_(and_(r.status == RequestStatus.OPEN.value, verified_in_categories), quoted)
        )
    return statement


REQUEST = Query(lambda present: visible(select(requests).where(BY_ID), present), shaped=True)
# The request an offer is made on, locked (its offers are decided one at a time), and the
# transaction's now().
REQUEST_TO_QUOTE = Query(
    lambda present: visible(
        select(requests, func.now().label("now")).where(BY_ID).with_for_update(), present
    ),
    shaped=True,
)
STATUS = Query(lambda present: visible(select(r.status).where(BY_ID), present), shaped=True)


# The list's filters by their parameters, each applied when given.
FILTERS = {
    "status": equals(r.status),
    "category": has_category(r.categories),
    "member_id": equals(r.member_id),
}


def _requests(present: frozenset[str]) -> Select[Any]:
    return visible(select(requests), present).where(*given(present, FILTERS))


REQUESTS = KeysetList(_requests, key=[r.created_at, r.id], descending=True)

# The listed items of verified suppliers among those a new request's lines name.
CATALOGUE_LINES = Query(
    select(i.id, i.name, i.hs_code, i.unit, i.category)
    .join(suppliers, s.id == i.supplier_id)
    .where(
        i.id == func.any(bindparam("ids", type_=ARRAY(i.id.type))),
        i.status == ItemStatus.LISTED.value,
        s.status == SupplierStatus.VERIFIED.value,
    )
)
OPEN_REQUEST = Query(
    made_now(
        requests,
        ["id", "member_id", "lines", "categories", "needed_by", "delivery_region", "note"],
        status=RequestStatus.OPEN.value,
    ).returning(requests)
)

_CANCELLED = {
    "status": RequestStatus.CANCELLED.value,
    "status_reason": bindparam("reason", type_=Text),
    "updated_at": func.now(),
}
OPEN = r.status == RequestStatus.OPEN.value
# An open request the viewer may cancel; no row: not found, or not open.
CANCEL = Query(
    lambda present: visible(
        update(requests).where(BY_ID, OPEN).values(**_CANCELLED).returning(requests), present
    ),
    shaped=True,
)
CANCEL_OF_MEMBER = Query(
    update(requests)
    .where(r.member_id == bindparam("member_id", type_=r.member_id.type), OPEN)
    .values(**_CANCELLED)
    .returning(requests)
)
# Closed by the accepted offer (the request is locked and open: the offer's checks saw it).
CLOSE = Query(
    update(requests)
    .where(BY_ID)
    .values(
        status=RequestStatus.CLOSED.value,
        status_reason=bindparam("reason", type_=Text),
        updated_at=func.now(),
    )
)
