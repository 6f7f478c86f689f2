"""The suppliers' SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, Text, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import ARRAY

from clusterkit.listing import KeysetList
from clusterkit.sql import Query, parameters
from supply.queries import by_id, equals, given, has_category, made_now
from supply.suppliers.rules import SupplierStatus
from supply.tables import suppliers

s = suppliers.c
BY_ID = by_id(suppliers)

# A second registration of a STIR inserts nothing (and waits for a concurrent first one).
REGISTER = Query(
    made_now(
        suppliers,
        ["id", "legal_name", "stir", "region", "is_local", "categories", "member_id"],
        status=SupplierStatus.PENDING.value,
    )
    .on_conflict_do_nothing(index_elements=[s.stir])
    .returning(suppliers)
)
ID_OF_STIR = Query(select(s.id).where(s.stir == bindparam("stir", type_=s.stir.type)))

SUPPLIER = Query(select(suppliers).where(BY_ID))
STATUS = Query(select(s.status).where(BY_ID))
# A move from one of the states it is allowed from; no row: not found, or not allowed.
MOVE = Query(
    update(suppliers)
    .where(BY_ID, s.status == func.any(bindparam("allowed_from", type_=ARRAY(Text))))
    .values(**parameters(suppliers, ["status", "status_reason"]), updated_at=func.now())
    .returning(suppliers)
)


# The list's filters by their parameters, each applied when given.
FILTERS = {
    "status": equals(s.status),
    "region": equals(s.region),
    "category": has_category(s.categories),
    "is_local": equals(s.is_local),
}


def _suppliers(present: frozenset[str]) -> Select[Any]:
    return select(suppliers).where(*given(present, FILTERS))


SUPPLIERS = KeysetList(_suppliers, key=[s.legal_name, s.id])
