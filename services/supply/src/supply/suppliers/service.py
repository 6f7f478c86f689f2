"""Registering suppliers and moving them between pending, verified and suspended, each
step published as a lifecycle event; and the verified supplier a caller trades for."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from clusterkit.auth import Caller
from clusterkit.errors import Conflict, NotFound
from clusterkit.i18n import N_
from clusterkit.sql import SQL, Row
from clusterkit.unit_of_work import UnitOfWork
from supply.events import contracts
from supply.states import ensure_from
from supply.suppliers import access, events, queries
from supply.suppliers.rules import CANNOT, MOVES, SupplierAction, moved_event
from supply.suppliers.schemas import SupplierRegistration


def _changed(
    supplier: Mapping[str, Any], *, previous_status: str | None, reason: str | None
) -> events.SupplierChanged:
    return events.SupplierChanged(
        supplier_id=supplier["id"],
        legal_name=supplier["legal_name"],
        stir=supplier["stir"],
        region=supplier["region"],
        categories=list(supplier["categories"]),
        is_local=supplier["is_local"],
        member_id=supplier["member_id"],
        status=supplier["status"],
        previous_status=previous_status,
        reason=reason,
        occurred_at=supplier["updated_at"],
    )


async def register_supplier(uow: UnitOfWork, *, registration: SupplierRegistration) -> Row:
    """A new supplier starts pending; a STIR is registered once (``existing_id`` names the
    supplier that has it)."""
    row = await uow.one(queries.REGISTER, id=uuid.uuid4(), **registration.model_dump())
    if row is None:
        existing = await uow.value(queries.ID_OF_STIR, stir=registration.stir)
        raise Conflict(
            N_("A supplier with STIR {stir} is already registered."),
            code="duplicate-stir",
            params={"stir": registration.stir},
            existing_id=existing,
        )
    uow.knows_now(row["updated_at"])
    if registration.contact_email:
        await uow.execute(
            queries.SET_CONTACT,
            supplier_id=row["id"],
            email=registration.contact_email,
            language=None,  # the admin's request says nothing of the supplier's language
        )
    uow.publish(
        contracts.event(
            events.SUPPLIER_REGISTERED, _changed(row, previous_status=None, reason=None)
        )
    )
    return row


async def contact(sql: SQL, caller: Caller, supplier_id: uuid.UUID) -> Row:
    """Where the supplier's notices go: for itself and admins (the notifier asks as one)."""
    access.acting_for(caller, supplier_id)
    return await sql.found(
        queries.CONTACT,
        "supplier contact",
        N_("No supplier contact with this id."),
        supplier_id=supplier_id,
    )


async def set_contact(
    uow: UnitOfWork, *, supplier_id: uuid.UUID, email: str, language: str | None
) -> Row:
    access.acting_for(uow.caller, supplier_id)
    await supplier(uow, supplier_id)
    row = await uow.one(
        queries.SET_CONTACT, supplier_id=supplier_id, email=email, language=language
    )
    assert row is not None
    return row


async def move_supplier(
    uow: UnitOfWork, *, supplier_id: uuid.UUID, action: SupplierAction, reason: str | None
) -> Row:
    """Verify, suspend or reinstate (an admin's ``reason``, if given, is kept and sent)."""
    reaches, allowed_from = MOVES[action]
    current = await uow.value(queries.STATUS_TO_MOVE, id=supplier_id)
    if current is None:
        raise NotFound("supplier", N_("No supplier with this id."))
    ensure_from(current, allowed_from, CANNOT[action])
    row = await uow.one(queries.MOVE, id=supplier_id, status=reaches.value, status_reason=reason)
    assert row is not None
    uow.knows_now(row["updated_at"])
    uow.publish(
        contracts.event(
            moved_event(current, reaches), _changed(row, previous_status=current, reason=reason)
        )
    )
    return row


async def supplier(sql: SQL, supplier_id: uuid.UUID) -> Row:
    return await sql.found(
        queries.SUPPLIER, "supplier", N_("No supplier with this id."), id=supplier_id
    )


async def acting_supplier(uow: UnitOfWork, named: uuid.UUID | None = None) -> Row:
    """The verified supplier the caller trades for (see :func:`access.acting_for`)."""
    found = await supplier(uow, access.acting_for(uow.caller, named))
    access.ensure_trades(found["status"])
    return found
