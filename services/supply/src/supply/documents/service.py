"""Attaching, listing and reading supply's documents: each owner's read rule is its own
feature's, reused here, so a document is never more visible than its record."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from clusterkit.auth import Caller, ensure_role
from clusterkit.documents import Received
from clusterkit.errors import NotFound
from clusterkit.i18n import N_
from clusterkit.sql import SQL, Row
from clusterkit.unit_of_work import UnitOfWork
from supply.documents import access, queries, rules
from supply.documents.schemas import Certificate
from supply.offers import service as offers
from supply.parties import DEAL_ROLES
from supply.requests import service as requests
from supply.suppliers import access as supplier_access
from supply.suppliers import service as suppliers
from supply.tables import documents


async def _supplier(sql: SQL, caller: Caller, supplier_id: uuid.UUID) -> Row:
    found = await suppliers.supplier(sql, supplier_id)
    if not supplier_access.may_see(caller, supplier_id, found["status"]):
        raise NotFound("supplier", N_("No supplier with this id."))
    return found


async def _request(sql: SQL, caller: Caller, request_id: uuid.UUID) -> Row:
    ensure_role(caller, *DEAL_ROLES)  # as the requests' own routes (supply.parties)
    return await requests.visible_request(sql, caller, request_id)


async def _offer(sql: SQL, caller: Caller, offer_id: uuid.UUID) -> Row:
    ensure_role(caller, *DEAL_ROLES)
    return await offers.offer(sql, caller, offer_id)


# Each owner: how its record is read (raising as its own feature does), and who attaches.
READ: dict[str, Callable[[SQL, Caller, uuid.UUID], Awaitable[Row]]] = {
    "supplier": _supplier,
    "request": _request,
    "offer": _offer,
}
ATTACHER: dict[str, tuple[str, str]] = {  # owner -> (the row's party column, its role)
    "supplier": ("id", "supplier"),
    "request": ("member_id", "member"),
    "offer": ("supplier_id", "supplier"),
}


async def attach(
    uow: UnitOfWork,
    *,
    owner: str,
    owner_id: uuid.UUID,
    received: Received,
    certificate: Certificate | None,
) -> dict[str, Any]:
    record = await READ[owner](uow, uow.caller, owner_id)
    column, role = ATTACHER[owner]
    access.ensure_attaches(uow.caller, record[column], role)
    details: dict[str, Any] = {}
    if received.kind == rules.CERTIFICATE:
        assert certificate is not None
        details = certificate.model_dump(mode="json")
    attached = await documents.attach(
        uow,
        owner=owner,
        owner_id=owner_id,
        received=received,
        uploaded_by=uow.caller.key_id or uow.caller.role,
        details=details,
    )
    if certificate is not None:
        await uow.execute(
            queries.ADD_CERTIFICATE,
            document_id=attached["id"],
            supplier_id=owner_id,
            **certificate.model_dump(),
        )
    return attached


async def listed(
    sql: SQL, *, caller: Caller, owner: str, owner_id: uuid.UUID
) -> list[dict[str, Any]]:
    await READ[owner](sql, caller, owner_id)
    return await documents.listed(sql, owner=owner, owner_id=owner_id)


async def one(
    sql: SQL, *, caller: Caller, owner: str, owner_id: uuid.UUID, document_id: uuid.UUID
) -> dict[str, Any]:
    await READ[owner](sql, caller, owner_id)
    found = await documents.one(sql, owner=owner, owner_id=owner_id, document_id=document_id)
    if found is None:
        raise NotFound("document", N_("No document with this id."))
    return found
