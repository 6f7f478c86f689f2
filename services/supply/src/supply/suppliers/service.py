"""Registering suppliers and moving them between pending, verified and suspended; and the
verified supplier a caller trades for."""

from __future__ import annotations

import uuid

from clusterkit.errors import Conflict, NotFound
from clusterkit.sql import SQL, Row
from clusterkit.unit_of_work import UnitOfWork
from supply.states import illegal_transition
from supply.suppliers import access, queries
from supply.suppliers.rules import MOVES, SupplierStatus
from supply.suppliers.schemas import SupplierRegistration


async def register_supplier(uow: UnitOfWork, *, registration: SupplierRegistration) -> Row:
    """A new supplier starts pending; a STIR is registered once (``existing_id`` names the
    supplier that has it)."""
    row = await uow.one(queries.REGISTER, id=uuid.uuid4(), **registration.model_dump())
    if row is None:
        existing = await uow.value(queries.ID_OF_STIR, stir=registration.stir)
        raise Conflict(
            f"A supplier with STIR {registration.stir} is already registered.",
            code="duplicate-stir",
            existing_id=existing,
        )
    return row


async def move_supplier(
    uow: UnitOfWork, *, supplier_id: uuid.UUID, to: SupplierStatus, reason: str | None
) -> Row:
    allowed_from = MOVES[to]
    row = await uow.one(
        queries.MOVE,
        id=supplier_id,
        status=to.value,
        status_reason=reason,
        allowed_from=[state.value for state in allowed_from],
    )
    if row is not None:
        return row
    current = await uow.value(queries.STATUS, id=supplier_id)
    if current is None:
        raise NotFound("supplier")
    raise illegal_transition(current, allowed_from, f"The supplier is already {current}.")


async def supplier(sql: SQL, supplier_id: uuid.UUID) -> Row:
    row = await sql.one(queries.SUPPLIER, id=supplier_id)
    if row is None:
        raise NotFound("supplier")
    return row


async def acting_supplier(uow: UnitOfWork, named: uuid.UUID | None = None) -> Row:
    """The verified supplier the caller trades for (see :func:`access.acting_for`)."""
    found = await supplier(uow, access.acting_for(uow.caller, named))
    access.ensure_trades(found["status"])
    return found
