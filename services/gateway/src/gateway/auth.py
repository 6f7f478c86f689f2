"""Who calls the gateway: the API key in ``Authorization: Bearer``, or nobody (anonymous)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from clusterkit.auth import ANONYMOUS, Caller
from clusterkit.problems import Problem
from gateway.keys import KeyVerifier

INVALID_KEY = "The API key is unknown, revoked or expired."
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="coppercluster"'}


async def authenticate(keys: KeyVerifier, authorization: str | None) -> Caller | None:
    """The caller a request's ``Authorization`` header names; None if it names no valid key."""
    if authorization is None:
        return ANONYMOUS
    scheme, _, key = authorization.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        return None
    return await keys.verify(key.strip())


async def api_caller(request: Request) -> Caller:
    keys: KeyVerifier = request.app.state.keys
    caller = await authenticate(keys, request.headers.get("authorization"))
    if caller is None:
        raise Problem(401, INVALID_KEY, code="invalid-api-key", headers=CHALLENGE)
    return caller


async def admin_caller(caller: Annotated[Caller, Depends(api_caller)]) -> Caller:
    if not caller.is_admin:
        raise Problem(
            401 if caller.role == "anonymous" else 403,
            "This needs an admin API key.",
            code="unauthenticated" if caller.role == "anonymous" else "forbidden",
            headers=CHALLENGE if caller.role == "anonymous" else None,
        )
    return caller


AdminDep = Annotated[Caller, Depends(admin_caller)]
