"""The suppliers' SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, Text, bindparam, cast, func, select, update
from sqlalchemy.dialects.postgresql import ARRAY, array, insert

from clusterkit.listing import KeysetList
from clusterkit.sql import Query, parameters
from supply.suppliers.rules import SupplierStatus
from supply.tables import suppliers

s = suppliers.c
BY_ID = s.id == bindparam("id", type_=s.id.type)

# A second registration of a STIR inserts nothing (and waits for a concurrent first one).
REGISTER = Query(
    insert(suppliers)
    .values(
        **parameters(
            suppliers,
            ["id", "legal_name", "stir", "region", "is_local", "categories", "member_id"],
        ),
        status=SupplierStatus.PENDING.value,
        created_at=func.now(),
        updated_at=func.now(),
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


def has_category(column: Any) -> Any:
    """``column @> ARRAY[:category]``: an array column that holds the category asked for."""
    return column.contains(cast(array([bindparam("category", type_=Text)]), ARRAY(Text)))


def _suppliers(present: frozenset[str]) -> Select[Any]:
    query = select(suppliers)
    if "status" in present:
        query = query.where(s.status == bindparam("status", type_=Text))
    if "region" in present:
        query = query.where(s.region == bindparam("region", type_=Text))
    if "category" in present:
        query = query.where(has_category(s.categories))
    if "is_local" in present:
        query = query.where(s.is_local == bindparam("is_local", type_=s.is_local.type))
    return query


SUPPLIERS = KeysetList(_suppliers, key=[s.legal_name, s.id])
