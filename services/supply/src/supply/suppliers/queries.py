"""The suppliers' SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, Uuid, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import insert

from clusterkit.listing import KeysetList
from clusterkit.sql import Query, parameters
from supply.queries import by_id, equals, given, has_category, made_now
from supply.suppliers.rules import SupplierStatus
from supply.tables import supplier_contacts, suppliers

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
SET_CONTACT = Query(
    insert(supplier_contacts)
    .values(
        **parameters(supplier_contacts, ["supplier_id", "email", "language"]),
        updated_at=func.now(),
    )
    .on_conflict_do_update(
        index_elements=[supplier_contacts.c.supplier_id],
        set_={
            "email": insert(supplier_contacts).excluded.email,
            "language": insert(supplier_contacts).excluded.language,
            "updated_at": func.now(),
        },
    )
    .returning(supplier_contacts)
)
CONTACT = Query(
    select(supplier_contacts).where(
        supplier_contacts.c.supplier_id == bindparam("supplier_id", type_=Uuid)
    )
)
ID_OF_STIR = Query(select(s.id).where(s.stir == bindparam("stir", type_=s.stir.type)))

SUPPLIER = Query(select(suppliers).where(BY_ID))
# The status a step starts from, locked until the step is written: its event names both.
STATUS_TO_MOVE = Query(select(s.status).where(BY_ID).with_for_update())
MOVE = Query(
    update(suppliers)
    .where(BY_ID)
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
