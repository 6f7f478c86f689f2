"""Issuing and revoking API keys."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from clusterkit.errors import InvalidFields, NotFound
from clusterkit.i18n import N_
from clusterkit.unit_of_work import UnitOfWork
from gateway.keys import queries
from gateway.keys.rules import SHOWN_PREFIX, hash_key, missing_organisation, new_key
from gateway.keys.schemas import KeyRole


async def issue_key(
    uow: UnitOfWork,
    *,
    name: str,
    role: KeyRole,
    organisation_id: str | None = None,
    expires_at: datetime | None = None,
) -> dict[str, Any]:
    """The new key's row and, under ``key``, the key itself (shown once, never stored)."""
    if missing_organisation(role, organisation_id):
        raise InvalidFields(("organisation_id", N_("required for role {role}"), {"role": role}))
    key = new_key()
    row = await uow.one(
        queries.ISSUE,
        id=uuid.uuid4(),
        name=name,
        role=role,
        organisation_id=organisation_id,
        key_hash=hash_key(key),
        prefix=key[:SHOWN_PREFIX],
        expires_at=expires_at,
    )
    if row is None:
        raise InvalidFields(("expires_at", N_("must be in the future")))
    return {**row, "key": key}


async def revoke_key(uow: UnitOfWork, *, key_id: uuid.UUID) -> bytes:
    """Revoke the key; its hash, for the verifier to forget it once this committed."""
    key_hash: bytes | None = await uow.value(queries.REVOKE, key_id=key_id)
    if key_hash is None:
        raise NotFound("API key", N_("No API key with this id."))
    return key_hash
