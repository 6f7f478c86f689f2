"""Who may do what with an application.

Admins (the Cluster Development Service) read every application and take the review steps.
The applicant holds no account: its access token, shown once at submission and stored as
a SHA-256 hash, lets it read its application and take its own steps (respond, withdraw).
The token never makes its holder an admin: a review step by anyone else is 403.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from typing import Any

from clusterkit.auth import Caller
from clusterkit.errors import Forbidden, Unauthenticated
from clusterkit.i18n import N_
from membership.applications.rules import Actor

TOKEN_HEADER = "X-Application-Token"  # noqa: S105 (a header name, not a secret)


def hash_token(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def new_access_token() -> tuple[str, bytes]:
    """A new applicant's token and the hash stored in its place."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def _holds_token(application: Mapping[str, Any], token: str | None) -> bool:
    return token is not None and hmac.compare_digest(
        application["access_token_hash"], hash_token(token)
    )


def _refuse_token(token: str | None, ask_for: str) -> None:
    if token is None:
        raise Unauthenticated(ask_for, params={"header": TOKEN_HEADER})
    raise Forbidden(N_("This access token is not for this application."))


def ensure_may_read(caller: Caller, application: Mapping[str, Any], token: str | None) -> None:
    """Admins, and the applicant with its token."""
    if not (caller.is_admin or _holds_token(application, token)):
        _refuse_token(token, N_("Send the application's access token ({header}) or an admin key."))


def ensure_may_take(
    caller: Caller, actor: Actor, application: Mapping[str, Any], token: str | None
) -> None:
    """A review step is the admins'; responding and withdrawing are the applicant's."""
    if actor is Actor.ADMIN:
        if not caller.is_admin:
            raise Forbidden(
                N_("Only the Cluster Development Service (admin) reviews applications.")
            )
    elif not _holds_token(application, token):
        _refuse_token(token, N_("Send the application's access token ({header})."))
