"""API keys: issued once, stored hashed, checked on every call through the gateway."""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from clusterkit.auth import Caller, Role
from clusterkit.db import Database
from gateway.models import api_keys

KEY_PREFIX = "ccp_"
ROLES_NEEDING_ORGANISATION = ("member", "supplier")


def hash_key(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()


@dataclass(frozen=True)
class IssuedKey:
    id: uuid.UUID
    key: str  # shown once, never stored


async def issue_key(
    session: AsyncSession,
    *,
    name: str,
    role: Role,
    organisation_id: str | None = None,
    expires_at: datetime | None = None,
) -> IssuedKey:
    if role == "anonymous":
        raise ValueError("anonymous needs no key")
    if role in ROLES_NEEDING_ORGANISATION and not organisation_id:
        raise ValueError(f"a {role} key must be bound to an organisation")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    key_id = uuid.uuid4()
    await session.execute(
        insert(api_keys).values(
            id=key_id,
            name=name,
            role=role,
            organisation_id=organisation_id,
            key_hash=hash_key(key),
            prefix=key[:10],
            expires_at=expires_at,
        )
    )
    return IssuedKey(id=key_id, key=key)


class KeyVerifier:
    """Turns a presented key into a :class:`Caller` (None: unknown, revoked or expired).

    Answers are cached for ``ttl`` seconds (misses too, so a flood of bad keys does not
    reach Postgres); a revocation therefore takes effect within ``ttl``.
    """

    def __init__(self, database: Database, *, ttl: float = 5.0, max_entries: int = 10_000):
        self.database = database
        self.ttl = ttl
        self.max_entries = max_entries
        self._cache: dict[bytes, tuple[float, Caller | None]] = {}

    async def verify(self, key: str) -> Caller | None:
        digest = hash_key(key)
        now = time.monotonic()
        cached = self._cache.get(digest)
        if cached is not None and cached[0] > now:
            return cached[1]
        caller = await self._lookup(digest) if key.startswith(KEY_PREFIX) else None
        if len(self._cache) >= self.max_entries:
            self._cache.clear()
        self._cache[digest] = (now + self.ttl, caller)
        return caller

    def forget(self, digest: bytes) -> None:
        """Drop a revoked key from this instance's cache at once."""
        self._cache.pop(digest, None)

    async def _lookup(self, digest: bytes) -> Caller | None:
        t = api_keys
        query = select(t.c.id, t.c.role, t.c.organisation_id).where(
            t.c.key_hash == digest,
            t.c.revoked_at.is_(None),
            or_(t.c.expires_at.is_(None), t.c.expires_at > func.now()),
        )
        async with self.database.session() as session:
            row = (await session.execute(query)).one_or_none()
        if row is None:
            return None
        return Caller(role=row.role, organisation_id=row.organisation_id, key_id=str(row.id))
