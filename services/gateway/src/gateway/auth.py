"""Who calls the gateway: the API key in ``Authorization: Bearer``, or nobody (anonymous)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
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


def caller_with(*roles: str, needs: str) -> Callable[[Caller], Awaitable[Caller]]:
    """A dependency: the caller if its key has one of ``roles``; 401 without a key, 403
    with another one. ``needs`` says what is needed, in the answer's words."""

    async def check(caller: Annotated[Caller, Depends(api_caller)]) -> Caller:
        if caller.role not in roles:
            anonymous = caller.role == "anonymous"
            raise Problem(
                401 if anonymous else 403,
                f"This needs {needs}.",
                code="unauthenticated" if anonymous else "forbidden",
                headers=CHALLENGE if anonymous else None,
            )
        return caller

    return check


AdminDep = Annotated[Caller, Depends(caller_with("admin", needs="an admin API key"))]
