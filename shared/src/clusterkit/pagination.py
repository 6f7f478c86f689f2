"""Keyset (cursor) pagination: ``limit`` and an opaque ``cursor`` in, ``next_cursor`` out.

A cursor is the sort key of the last row of a page, so page 5,000 costs what page 1 costs
(no OFFSET). It is opaque to clients: base64url of a small JSON array.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Generic, TypeVar

import orjson
from pydantic import BaseModel

from clusterkit.errors import InvalidRequest
from clusterkit.i18n import N_

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(*values: Any) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(values, default=str)).decode().rstrip("=")


# Sort keys a cursor of ours can hold: Postgres bigint, and numerics far inside its range.
BIGINT = range(-(2**63), 2**63)
MAX_DECIMAL_EXPONENT = 1000


def _storable(value: Any) -> bool:
    if isinstance(value, int):
        return value in BIGINT
    if isinstance(value, Decimal):
        return value.is_finite() and abs(value.adjusted()) <= MAX_DECIMAL_EXPONENT
    return True


def decode_cursor(cursor: str, *types: Callable[[Any], Any]) -> list[Any]:
    """The sort key inside ``cursor``, each value passed through its type (``str``,
    ``UUID`` ...); :class:`InvalidRequest` if the cursor was not made by us (including numbers the
    database could not compare, which a client may craft)."""
    invalid = InvalidRequest(N_("The cursor is not valid."), code="invalid-cursor")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = orjson.loads(raw)
        if not isinstance(values, list) or len(values) != len(types):
            raise invalid
        decoded = [convert(value) for convert, value in zip(types, values, strict=True)]
    except (binascii.Error, ValueError, TypeError, ArithmeticError) as exc:
        raise invalid from exc
    if not all(_storable(value) for value in decoded):
        raise invalid
    return decoded
