"""The SQL of the registry and its upkeep.

Reads compute the status in SQL (:data:`MEMBER_STATUS`, for the lists' status filter);
the upkeep locks the row, reads its dates and the transaction's ``now()`` with it, and lets
``rules.member_status`` say the status.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, Update, and_, bindparam, case, func, null, or_, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import Text, Uuid

from clusterkit.listing import KeysetList
from clusterkit.sql import Query, parameters
from membership.members.schemas import Member
from membership.tables import members

m = members.c

# The answer's columns but the status; the status is made of these and the dates below.
ANSWER = tuple(m[field] for field in Member.model_fields if field != "status")
STATUS_DATES = (m.suspended_at, m.expelled_at)

# rules.member_status, in SQL, as of the statement's now().
MEMBER_STATUS: ColumnElement[str] = case(
    (m.expelled_at.is_not(None), "expelled"),
    (
        and_(
            m.suspended_at.is_not(None),
            or_(m.suspended_until.is_(None), m.suspended_until > func.now()),
        ),
        "suspended",
    ),
    else_="active",
)
MEMBER_ID = bindparam("member_id", type_=Uuid)


def _registry(present: frozenset[str]) -> Select[Any]:
    query = select(*ANSWER, MEMBER_STATUS.label("status"))
    if "region" in present:
        query = query.where(m.region == bindparam("region", type_=m.region.type))
    if "sector" in present:
        query = query.where(m.sectors.contains(bindparam("sector", type_=ARRAY(Text))))
    if "status" in present:
        query = query.where(bindparam("status", type_=Text) == MEMBER_STATUS)
    if "name_like" in present:
        query = query.where(m.legal_name.ilike(bindparam("name_like", type_=Text), escape="/"))
    return query


# The public registry, by legal name (the bench's list path).
REGISTRY = KeysetList(_registry, key=[m.legal_name, m.id])

MEMBER = Query(select(*ANSWER, MEMBER_STATUS.label("status")).where(m.id == MEMBER_ID))

# The row an upkeep step changes, locked, with the transaction's time.
LOCKED = Query(
    select(*ANSWER, *STATUS_DATES, func.now().label("now"))
    .where(m.id == MEMBER_ID)
    .with_for_update()
)


def _changed(values: dict[str, Any]) -> Update:
    """The update of an upkeep step: its values, a new version, the row as it is now."""
    return (
        update(members)
        .where(m.id == MEMBER_ID)
        .values(**values, updated_at=func.now(), version=m.version + 1)
        .returning(*ANSWER, *STATUS_DATES)
    )


# A PATCH sets the fields that changed: one statement per set of fields.
CHANGE = Query(
    lambda present: _changed(parameters(members, sorted(present - {"member_id"}))), shaped=True
)
SUSPEND = Query(
    _changed(
        {
            "suspended_at": func.now(),
            **parameters(members, ["suspended_until", "suspension_reason"]),
        }
    )
)
REINSTATE = Query(
    _changed({"suspended_at": null(), "suspended_until": null(), "suspension_reason": null()})
)
EXPEL = Query(_changed({"expelled_at": func.now(), **parameters(members, ["expulsion_reason"])}))
