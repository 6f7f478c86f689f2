"""Who calls the gateway: the API key in ``Authorization: Bearer``, or nobody (anonymous)."""

from __future__ import annotations

from fastapi import Request

from clusterkit.auth import ANONYMOUS, Caller
from clusterkit.errors import Unauthenticated
from clusterkit.i18n import N_
from gateway.keys.verifier import KeyVerifier

INVALID_KEY = N_("The API key is unknown, revoked or expired.")


def invalid_key() -> Unauthenticated:
    return Unauthenticated(INVALID_KEY, code="invalid-api-key", challenge=True)


async def authenticate(keys: KeyVerifier, authorization: str | None) -> Caller | None:
    """The caller a request's ``Authorization`` header names; None if it names no valid key."""
    if authorization is None:
        return ANONYMOUS
    scheme, _, key = authorization.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        return None
    return await keys.verify(key.strip())


async def api_key_caller(request: Request) -> None:
    """The gateway's own API: its caller comes from the API key (services get it from the
    internal token), for ``CallerDep``, ``require_role`` and ``WriteDep`` to read."""
    caller = await authenticate(request.app.state.keys, request.headers.get("authorization"))
    if caller is None:
        raise invalid_key()
    request.scope.setdefault("state", {})["caller"] = caller
