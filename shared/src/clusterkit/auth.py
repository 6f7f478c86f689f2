"""Internal service token: the gateway's signed statement of who is calling.

The gateway authenticates the API key, then signs a short-lived JWT (HS256) naming the
role, the organisation, the key and the request id, with the target service as audience.
Services trust nothing else: a call without a valid token (one that went around the
gateway) answers 401.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

import jwt
from fastapi import Depends, Request

from clusterkit.problems import Problem

Role = Literal["admin", "member", "supplier", "procurement", "anonymous"]
ROLES: tuple[str, ...] = get_args(Role)
TOKEN_HEADER = "x-internal-token"  # noqa: S105 (a header name, not a secret)
ISSUER = "coppercluster-gateway"
ALGORITHM = "HS256"


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
        self._secret = secret
        self.ttl = ttl_seconds
        self.leeway = leeway_seconds

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
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def verify(self, token: str, *, audience: str) -> Caller:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                audience=audience,
                issuer=ISSUER,
                leeway=self.leeway,
                options={"require": ["exp", "iat", "aud", "iss"]},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        role = claims.get("role")
        if role not in ROLES:
            raise InvalidToken("unknown role")
        return Caller(role=role, organisation_id=claims.get("org"), key_id=claims.get("kid"))


def current_caller(request: Request) -> Caller:
    """The caller the internal-auth middleware verified for this request."""
    caller = request.scope.get("state", {}).get("caller")
    if not isinstance(caller, Caller):
        raise Problem(401, "This call needs the gateway's internal token.", code="unauthenticated")
    return caller


CallerDep = Annotated[Caller, Depends(current_caller)]


def require_role(*roles: Role) -> Any:
    """A dependency that answers 403 unless the caller has one of ``roles``."""

    def check(caller: CallerDep) -> Caller:
        if caller.role not in roles:
            raise Problem(
                403,
                f"This operation needs one of the roles: {', '.join(roles)}.",
                code="forbidden",
            )
        return caller

    return Depends(check)
