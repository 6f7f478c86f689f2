"""The one way to list: keyset pages of a compiled statement, answered in one JSON pass.

A feature's ``queries.py`` declares a :class:`KeysetList`: a function that makes the
filtered ``select`` for the filters given, and the sort key. The list owns the rest: the
ORDER BY, the ``(key) > (cursor)`` condition, ``LIMIT limit + 1`` to know whether a next
page exists, the opaque cursor (:mod:`clusterkit.pagination`) and the answer, serialized
once by orjson straight from the rows (validating rows into models and serializing them
again cost about a quarter of a list request). The endpoint's declared ``Page[...]`` model
still documents the answer, and the API fuzzing checks answers against it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

import orjson
from fastapi import Query as QueryParameter
from pydantic import BaseModel, Field
from sqlalchemy import Integer, Select, bindparam, tuple_
from sqlalchemy.sql.elements import ColumnElement
from starlette.responses import Response

from clusterkit.pagination import decode_cursor, encode_cursor
from clusterkit.sql import SQL, Query, Row


class PageQuery(BaseModel):
    """The paging parameters of every list, taken as a query model
    (``query: Annotated[PageQuery, Query()]``). A list with filters declares its own query
    model with these fields and its filters, so FastAPI reads the whole query string in one
    validation: each parameter or dependency of its own cost a list request about a tenth
    of its time ([0018](docs/decisions/0018-one-query-model-per-list.md))."""

    limit: int = Field(50, ge=1, le=200, description="How many items, at most (1-200).")
    cursor: str | None = Field(
        None, max_length=300, description="The `next_cursor` of the page before (opaque)."
    )


# A list with no filters of its own: ``page: PageDep``.
PageDep = Annotated[PageQuery, QueryParameter()]

FilteredSelect = Callable[[frozenset[str]], Select[Any]]
SortKey = Sequence[ColumnElement[Any]]
Shape = Callable[[Row], dict[str, Any]]

# How a sort key's value comes back from a cursor, by the Python type the column holds.
PARSERS: dict[type, Callable[[Any], Any]] = {
    str: str,
    int: int,
    Decimal: Decimal,
    UUID: UUID,
    datetime: datetime.fromisoformat,
    date: date.fromisoformat,
}


def _parser(column: ColumnElement[Any]) -> Callable[[Any], Any]:
    return PARSERS[column.type.python_type]


def _name(column: ColumnElement[Any]) -> str:
    name = getattr(column, "name", None)
    assert isinstance(name, str), f"a sort key column needs a name (label it): {column}"
    return name


class KeysetList:
    """``KeysetList(filtered, key=[members.c.legal_name, members.c.id])``.

    ``filtered(present)`` makes the statement for the names of the filters given (each a
    ``bindparam`` of that name); it selects every key column under the key's own name.
    ``key`` may also be a function of ``present`` (a list sorted by price or by lead time).
    ``shape`` turns a row into the item's JSON fields (default: the row as it is).
    """

    def __init__(
        self,
        filtered: FilteredSelect,
        *,
        key: SortKey | Callable[[frozenset[str]], SortKey],
        descending: bool = False,
        shape: Shape | None = None,
    ):
        self._filtered = filtered
        self._key = key if callable(key) else (lambda present, fixed=key: fixed)
        self._descending = descending
        self._shape = shape or dict
        self._query = Query(self._statement, shaped=True)

    def key(self, present: frozenset[str]) -> SortKey:
        return self._key(present)

    def _statement(self, present: frozenset[str]) -> Select[Any]:
        filters = frozenset(n for n in present if n != "limit" and not n.startswith("after_"))
        key = self.key(filters)
        query = self._filtered(filters)
        if "after_0" in present:
            after = tuple_(
                *(bindparam(f"after_{n}", type_=column.type) for n, column in enumerate(key))
            )
            row_key = tuple_(*key)
            query = query.where(row_key < after if self._descending else row_key > after)
        order = [column.desc() if self._descending else column for column in key]
        return query.order_by(*order).limit(bindparam("limit", type_=Integer))

    async def rows(
        self, sql: SQL, *, limit: int, cursor: str | None = None, **filters: Any
    ) -> tuple[list[Row], str | None]:
        """Up to ``limit`` rows after ``cursor``, and the cursor of the next page (None on
        the last). ``filters`` that are None are not applied."""
        present = frozenset(name for name, value in filters.items() if value is not None)
        key = self.key(present)
        after: dict[str, Any] = {}
        if cursor:
            values = decode_cursor(cursor, *(_parser(column) for column in key))
            after = {f"after_{n}": value for n, value in enumerate(values)}
        rows = await sql.fetch(self._query, limit=limit + 1, **filters, **after)
        if len(rows) <= limit:
            return rows, None
        last = rows[limit - 1]
        return rows[:limit], encode_cursor(*(last[_name(column)] for column in key))

    async def page(self, sql: SQL, page: PageQuery, **filters: Any) -> Response:
        """The page as the HTTP answer: ``{"items": [...], "next_cursor": ...}``."""
        rows, next_cursor = await self.rows(sql, limit=page.limit, cursor=page.cursor, **filters)
        return page_response([self._shape(row) for row in rows], next_cursor)


def page_response(items: list[dict[str, Any]], next_cursor: str | None) -> Response:
    """A page serialized once, by orjson, from items already in the declared model's shape."""
    body = orjson.dumps(
        {"items": items, "next_cursor": next_cursor}, default=str, option=orjson.OPT_UTC_Z
    )
    return Response(body, media_type="application/json")
