"""``Idempotency-Key`` on POSTs that create things: a retry gets the first answer again.

The key is claimed with an insert in the same transaction as the work, so two concurrent
requests with one key serialise on the unique index: the second waits, then replays what the
first committed (or, if the first rolled back, does the work itself). The same key with a
different body is refused (422), as the IETF draft on the header recommends.

A key is scoped to the caller (role and API key) and the path, so two clients' keys never
meet. :meth:`Idempotency.once` is the whole mechanism for an endpoint: claim, work,
remember, all in one unit of work.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, Concatenate, ParamSpec

import orjson
from fastapi import Depends, Header, Request
from pydantic import BaseModel
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

from clusterkit.auth import CallerDep
from clusterkit.errors import InvalidFields, InvalidRequest
from clusterkit.i18n import N_
from clusterkit.sql import Query, parameters
from clusterkit.unit_of_work import Transactions, UnitOfWork

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
P = ParamSpec("P")


@dataclass(frozen=True)
class IdempotencyKey:
    scope: str  # role, API key and path: whose key it is, for what
    key: str


async def _idempotency_key(
    request: Request,
    caller: CallerDep,
    key: Annotated[str | None, Header(alias=HEADER)] = None,
) -> IdempotencyKey | None:
    if key is None:
        return None
    if not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidRequest(
            N_("{header} must be 1 to {most} characters."),
            code="invalid-idempotency-key",
            params={"header": HEADER, "most": MAX_KEY_LENGTH},
        )
    return IdempotencyKey(f"{caller.role}:{caller.key_id or ''}:{request.url.path}", key)


IdempotencyKeyDep = Annotated[IdempotencyKey | None, Depends(_idempotency_key)]


@dataclass(frozen=True)
class Answer:
    """What a create answered: the first time, or replayed for a retry of the same key."""

    status_code: int
    body: dict[str, Any]
    replayed: bool = False


def _digest(body: Any) -> bytes:
    """What identifies a request body: a model as its JSON fields, sorted."""
    if isinstance(body, BaseModel):
        body = body.model_dump(mode="json")
    return hashlib.sha256(orjson.dumps(body, default=str, option=orjson.OPT_SORT_KEYS)).digest()


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
        t = self.table
        self._claim = Query(
            insert(t)
            .values(**parameters(t, ["scope", "key", "request_hash"]))
            .on_conflict_do_nothing()
            .returning(t.c.key)
        )
        self._stored = Query(
            select(t.c.request_hash, t.c.status_code, t.c.response).where(
                t.c.scope == parameters(t, ["scope"])["scope"],
                t.c.key == parameters(t, ["key"])["key"],
            )
        )
        self._remember = Query(
            update(t)
            .where(
                t.c.scope == parameters(t, ["scope"])["scope"],
                t.c.key == parameters(t, ["key"])["key"],
            )
            .values(**parameters(t, ["status_code", "response"]))
        )

    async def once(
        self,
        write: Transactions,
        key: IdempotencyKey | None,
        body: Any,
        work: Callable[Concatenate[UnitOfWork, P], Awaitable[dict[str, Any]]],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Answer:
        """Run ``work`` (which returns the JSON answer) once per key: a retry with the same
        key and ``body`` gets the first answer again, with ``replayed`` set. ``body`` (a model,
        or its JSON) is read only when there is a key."""

        async def claimed(uow: UnitOfWork) -> Answer:
            if key is not None:
                stored = await self.claim(uow, key, body)
                if stored is not None:
                    return stored
            answer = await work(uow, *args, **kwargs)
            if key is not None:
                await uow.execute(
                    self._remember, scope=key.scope, key=key.key, status_code=201, response=answer
                )
            return Answer(201, answer)

        return await write(claimed)

    async def claim(self, uow: UnitOfWork, key: IdempotencyKey, body: Any) -> Answer | None:
        """Claim ``key`` for this transaction; the stored answer if it was used before."""
        digest = _digest(body)
        if await uow.value(self._claim, scope=key.scope, key=key.key, request_hash=digest):
            return None
        stored = await uow.one(self._stored, scope=key.scope, key=key.key)
        assert stored is not None
        if stored["request_hash"] != digest:
            raise InvalidFields(
                (
                    HEADER,
                    N_("This {header} was already used with a different request."),
                    {"header": HEADER},
                ),
                where="header",
                code="idempotency-key-reused",
            )
        return Answer(stored["status_code"], stored["response"], replayed=True)
