"""Keyset (cursor) pagination: ``limit`` and an opaque ``cursor`` in, ``next_cursor`` out.

A cursor is the sort key of the last row of a page, so page 5,000 costs what page 1 costs
(no OFFSET). It is opaque to clients: base64url of a small JSON array.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import orjson
from pydantic import BaseModel

from clusterkit.problems import Problem

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(*values: Any) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(values, default=str)).decode().rstrip("=")


def decode_cursor(cursor: str, *types: Callable[[Any], Any]) -> list[Any]:
    """The sort key inside ``cursor``, each value passed through its type (``str``,
    ``UUID`` ...); 400 problem+json if the cursor was not made by us."""
    invalid = Problem(400, "The cursor is not valid.", code="invalid-cursor")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = orjson.loads(raw)
        if not isinstance(values, list) or len(values) != len(types):
            raise invalid
        return [convert(value) for convert, value in zip(types, values, strict=True)]
    except (binascii.Error, ValueError, TypeError) as exc:
        raise invalid from exc
