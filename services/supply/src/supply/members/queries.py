"""The member projection's SQL: the admins' list and a member's standing right now."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, bindparam, func, select

from clusterkit.listing import KeysetList
from clusterkit.member_projection import effective_status
from clusterkit.sql import Query
from supply.tables import members

m = members.c


def _members(present: frozenset[str]) -> Select[Any]:
    return select(
        m.id,
        m.legal_name,
        m.stir,
        m.region,
        m.sectors,
        effective_status(members).label("status"),
        m.updated_at,
    )


MEMBERS = KeysetList(_members, key=[m.id])

# The member with its status at the statement's now() (a lapsed suspension is over), and
# that now(): the clock of the change the member is about to make.
STANDING = Query(
    select(
        members,
        effective_status(members).label("effective_status"),
        func.now().label("now"),
    ).where(m.id == bindparam("id", type_=m.id.type))
)
