"""The API keys' SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, bindparam, func, insert, or_, select, update

from clusterkit.listing import KeysetList
from clusterkit.sql import Query, parameters
from gateway.keys.schemas import ApiKey
from gateway.tables import api_keys

k = api_keys.c
# The ``ApiKey`` schema's fields (never the key's hash).
SHOWN = tuple(k[name] for name in ApiKey.model_fields)

_ISSUED = ("id", "name", "role", "organisation_id", "key_hash", "prefix", "expires_at")
_issued = parameters(api_keys, _ISSUED)
# A new key, unless its expiry has passed already (no row then).
ISSUE = Query(
    insert(api_keys)
    .from_select(
        _ISSUED,
        select(*_issued.values()).where(
            or_(_issued["expires_at"].is_(None), _issued["expires_at"] > func.now())
        ),
    )
    .returning(*SHOWN)
)


def _keys(present: frozenset[str]) -> Select[Any]:
    return select(*SHOWN)


KEYS = KeysetList(_keys, key=[k.created_at, k.id], descending=True)

# Revoked once (a second revoke keeps the first time); the hash, to forget it at once.
REVOKE = Query(
    update(api_keys)
    .where(k.id == bindparam("key_id", type_=k.id.type))
    .values(revoked_at=func.coalesce(k.revoked_at, func.now()))
    .returning(k.key_hash)
)

# The caller a key stands for, while it is neither revoked nor expired.
CALLER = Query(
    select(k.id, k.role, k.organisation_id).where(
        k.key_hash == bindparam("key_hash", type_=k.key_hash.type),
        k.revoked_at.is_(None),
        or_(k.expires_at.is_(None), k.expires_at > func.now()),
    )
)
