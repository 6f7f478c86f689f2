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
from starlette.responses import Response

from clusterkit.problems import Problem

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def page_response(items: list[dict[str, Any]], next_cursor: str | None) -> Response:
    """A page serialized once, by orjson, from rows already in the shape of the endpoint's
    declared ``Page[...]`` model: for the main lists, where validating every row into models
    and serializing them again cost about a quarter of the request. The model still
    documents the answer, and the API fuzzing checks answers against it."""
    body = orjson.dumps(
        {"items": items, "next_cursor": next_cursor}, default=str, option=orjson.OPT_UTC_Z
    )
    return Response(body, media_type="application/json")


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
    ``UUID`` ...); 400 problem+json if the cursor was not made by us (including numbers the
    database could not compare, which a client may craft)."""
    invalid = Problem(400, "The cursor is not valid.", code="invalid-cursor")
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
