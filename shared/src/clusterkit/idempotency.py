"""``Idempotency-Key`` on POSTs that create things: a retry gets the first answer again.

The key is claimed with an insert in the same transaction as the work, so two concurrent
requests with one key serialise on the unique index: the second waits, then replays what the
first committed (or, if the first rolled back, does the work itself). The same key with a
different body is refused (422), as the IETF draft on the header recommends.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from fastapi import Request
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from clusterkit.auth import Caller
from clusterkit.problems import Problem

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


def idempotency_table(metadata: MetaData) -> Table:
    return Table(
        "idempotency_keys",
        metadata,
        Column("scope", Text, nullable=False),
        Column("key", Text, nullable=False),
        Column("request_hash", LargeBinary, nullable=False),
        Column("status_code", Integer),
        Column("response", JSONB),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        PrimaryKeyConstraint("scope", "key"),
    )


class Idempotency:
    """A service's idempotency keys (one table in its schema)."""

    def __init__(self, metadata: MetaData):
        self.table = idempotency_table(metadata)

    async def claim(
        self, session: AsyncSession, request: Request, caller: Caller, body: Any
    ) -> Response | None:
        """Claim the request's key for this transaction; return the stored answer to
        replay if the key was used before (None: no key, or do the work now)."""
        key = request.headers.get(HEADER)
        if key is None:
            return None
        if not key or len(key) > MAX_KEY_LENGTH:
            raise Problem(
                400,
                f"{HEADER} must be 1 to {MAX_KEY_LENGTH} characters.",
                code="invalid-idempotency-key",
            )
        scope = f"{caller.role}:{caller.key_id or ''}:{request.url.path}"
        digest = hashlib.sha256(
            orjson.dumps(body, default=str, option=orjson.OPT_SORT_KEYS)
        ).digest()
        t = self.table
        claimed = await session.scalar(
            insert(t)
            .values(scope=scope, key=key, request_hash=digest)
            .on_conflict_do_nothing()
            .returning(t.c.key)
        )
        request.state.idempotency = (scope, key)
        if claimed is not None:
            return None
        stored = (
            await session.execute(
                select(t.c.request_hash, t.c.status_code, t.c.response).where(
                    t.c.scope == scope, t.c.key == key
                )
            )
        ).one()
        if stored.request_hash != digest:
            raise Problem(
                422,
                f"This {HEADER} was already used with a different request.",
                code="idempotency-key-reused",
            )
        return Response(
            orjson.dumps(stored.response),
            status_code=stored.status_code,
            media_type="application/json",
            headers={"Idempotent-Replayed": "true"},
        )

    async def remember(
        self, session: AsyncSession, request: Request, status_code: int, response: Any
    ) -> None:
        """Store the answer for the claimed key (no-op without a key), before commit."""
        claimed = getattr(request.state, "idempotency", None)
        if claimed is None:
            return
        scope, key = claimed
        t = self.table
        await session.execute(
            update(t)
            .where(t.c.scope == scope, t.c.key == key)
            .values(status_code=status_code, response=response)
        )
