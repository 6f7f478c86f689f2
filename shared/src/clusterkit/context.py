"""Per-request context carried through logs, outgoing calls and event headers."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def new_request_id() -> str:
    return uuid.uuid4().hex


def accept_request_id(value: str | None) -> str:
    """Keep a caller's ``X-Request-ID`` if it is short and plain, otherwise make a new one
    (a request id ends up in logs and headers, so it must not carry arbitrary text)."""
    if value and _SAFE_REQUEST_ID.match(value):
        return value
    return new_request_id()


def current_request_id() -> str | None:
    return request_id_var.get()
