"""Turning a presented API key into the caller it stands for, on every proxied call."""

from __future__ import annotations

import time

from clusterkit.auth import Caller
from clusterkit.database import Database
from clusterkit.sql import SQL
from gateway.keys.queries import CALLER
from gateway.keys.rules import KEY_PREFIX, hash_key


class KeyVerifier:
    """A presented key's :class:`Caller` (None: unknown, revoked or expired).

    Answers are cached for ``ttl`` seconds (misses too, so a flood of bad keys does not
    reach Postgres); a revocation therefore takes effect within ``ttl`` on other gateway
    instances, at once on the one that revoked it (:meth:`forget`). ``database`` is the
    service's pool, given once the app made it.
    """

    def __init__(self, *, ttl: float = 5.0, max_entries: int = 10_000):
        self.database: Database | None = None
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
        assert self.database is not None, "the verifier is used before the app made its pool"
        async with self.database.connection() as connection:
            row = await SQL(connection).one(CALLER, key_hash=digest)
        if row is None:
            return None
        return Caller(
            role=row["role"], organisation_id=row["organisation_id"], key_id=str(row["id"])
        )
