"""Attaching, listing and reading an application's documents."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from clusterkit.auth import Caller
from clusterkit.documents import Received
from clusterkit.errors import NotFound
from clusterkit.i18n import N_
from clusterkit.sql import SQL
from clusterkit.unit_of_work import UnitOfWork
from membership.applications import service as applications
from membership.documents import access
from membership.documents.rules import OWNER
from membership.tables import documents


async def attach(
    uow: UnitOfWork, *, application_id: UUID, token: str | None, received: Received
) -> dict[str, Any]:
    access.ensure_may_ask(uow.caller, token)
    await applications.application(
        uow, caller=uow.caller, application_id=application_id, token=token
    )
    return await documents.attach(
        uow,
        owner=OWNER,
        owner_id=application_id,
        received=received,
        uploaded_by=uow.caller.key_id or ("applicant" if token else uow.caller.role),
    )


async def listed(
    read: SQL, *, caller: Caller, application_id: UUID, token: str | None
) -> list[dict[str, Any]]:
    access.ensure_may_ask(caller, token)
    await applications.application(read, caller=caller, application_id=application_id, token=token)
    return await documents.listed(read, owner=OWNER, owner_id=application_id)


async def one(
    read: SQL, *, caller: Caller, application_id: UUID, document_id: UUID, token: str | None
) -> dict[str, Any]:
    access.ensure_may_ask(caller, token)
    await applications.application(read, caller=caller, application_id=application_id, token=token)
    found = await documents.one(read, owner=OWNER, owner_id=application_id, document_id=document_id)
    if found is None:
        raise NotFound("document", N_("No document with this id."))
    return found
