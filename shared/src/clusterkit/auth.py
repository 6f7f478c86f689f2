"""Internal service token: the gateway's signed statement of who is calling.

The gateway authenticates the API key, then signs a short-lived JWT (HS256) naming the
role, the organisation, the key and the request id, with the target service as audience.
Services trust nothing else: a call without a valid token (one that went around the
gateway) answers 401.

The JWT is made and checked here with ``hmac`` and ``orjson`` rather than a JWT library:
it runs on every request on both sides, and with one fixed header (so no algorithm
confusion is possible) it is a few lines and several times faster than PyJWT (measured
25 µs to sign and 53 µs to verify with PyJWT; 5 µs and 7 µs here). The tokens are standard
HS256 JWTs that any JWT library reads.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

import orjson
from fastapi import Depends, Request

from clusterkit.errors import Forbidden, Unauthenticated
from clusterkit.i18n import N_

Role = Literal["admin", "member", "supplier", "procurement", "anonymous"]
ROLES: tuple[str, ...] = get_args(Role)
TOKEN_HEADER = "x-internal-token"  # noqa: S105 (a header name, not a secret)
ISSUER = "coppercluster-gateway"


def _b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def _unb64(data: bytes) -> bytes:
    return base64.urlsafe_b64decode(data + b"=" * (-len(data) % 4))


JWT_HEADER = _b64(orjson.dumps({"alg": "HS256", "typ": "JWT"}))


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is calling, as the gateway vouches for it."""

    role: Role
    organisation_id: str | None = None
    key_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


ANONYMOUS = Caller(role="anonymous")


class InvalidToken(Exception):
    pass


class InternalTokens:
    """Mints (gateway) and verifies (services) internal tokens with one shared secret."""

    def __init__(self, secret: str, *, ttl_seconds: int = 60, leeway_seconds: int = 5):
        self._key = secret.encode()
        self.ttl = ttl_seconds
        self.leeway = leeway_seconds

    def _sign(self, signing_input: bytes) -> bytes:
        return _b64(hmac.new(self._key, signing_input, hashlib.sha256).digest())

    def mint(self, caller: Caller, *, audience: str, request_id: str | None = None) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": audience,
            "iat": now,
            "exp": now + self.ttl,
            "role": caller.role,
            "org": caller.organisation_id,
            "kid": caller.key_id,
            "rid": request_id,
        }
        signing_input = JWT_HEADER + b"." + _b64(orjson.dumps(claims))
        return (signing_input + b"." + self._sign(signing_input)).decode()

    def verify(self, token: str, *, audience: str) -> Caller:
        parts = token.encode("ascii", errors="replace").split(b".")
        if len(parts) != 3 or parts[0] != JWT_HEADER:
            raise InvalidToken("not an HS256 internal token")
        if not hmac.compare_digest(parts[2], self._sign(parts[0] + b"." + parts[1])):
            raise InvalidToken("bad signature")
        try:
            claims: dict[str, Any] = orjson.loads(_unb64(parts[1]))
        except (binascii.Error, ValueError) as exc:
            raise InvalidToken("unreadable claims") from exc
        now = time.time()
        if not isinstance(claims, dict) or claims.get("iss") != ISSUER:
            raise InvalidToken("wrong issuer")
        if claims.get("aud") != audience:
            raise InvalidToken("token for another service")
        exp, iat = claims.get("exp"), claims.get("iat")
        if not isinstance(exp, int) or not isinstance(iat, int):
            raise InvalidToken("exp and iat are required")
        if exp + self.leeway < now:
            raise InvalidToken("token expired")
        role = claims.get("role")
        if role not in ROLES:
            raise InvalidToken("unknown role")
        return Caller(role=role, organisation_id=claims.get("org"), key_id=claims.get("kid"))


def ensure_role(caller: Caller, *roles: Role) -> None:
    """The one role check: :class:`Forbidden` unless the caller has one of ``roles``
    (:class:`Unauthenticated` when it sent no key at all: it may well have one). A
    feature's ``access.py`` states its rules with it."""
    if caller.role in roles:
        return
    if caller.role == "anonymous":
        raise Unauthenticated(
            N_("This operation needs an API key with one of the roles: {roles}."),
            challenge=True,
            params={"roles": ", ".join(roles)},
        )
    raise Forbidden(
        N_("This operation needs one of the roles: {roles}."), params={"roles": ", ".join(roles)}
    )


# Dependencies are ``async def``: FastAPI runs a plain ``def`` one in a worker thread.
async def current_caller(request: Request) -> Caller:
    return caller_of(request)


def caller_of(request: Request) -> Caller:
    """The caller the internal-auth middleware verified for this request."""
    caller = request.scope.get("state", {}).get("caller")
    if not isinstance(caller, Caller):
        raise Unauthenticated(N_("This call needs the gateway's internal token."))
    return caller


CallerDep = Annotated[Caller, Depends(current_caller)]


def require_role(*roles: Role) -> Any:
    """:func:`ensure_role` as a route dependency, for an operation only ``roles`` may call."""

    async def check(caller: CallerDep) -> Caller:
        ensure_role(caller, *roles)
        return caller

    return Depends(check)
