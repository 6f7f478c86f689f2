"""SQL as SQLAlchemy Core statements, compiled once and run on asyncpg directly.

Every statement a service runs is a :class:`Query` defined at import time in a feature's
``queries.py``: SQLAlchemy says *what* is asked (tables, columns, types, schema names), and
the compiled text runs on the connection of a :class:`SQL` (a unit of work's transaction or
a reader). Per call there is no statement building, cache-key hashing, session or row
object: see ``docs/decisions/0001-compiled-statements.md`` for the profile behind it.

Parameters are ``bindparam``s by name. A fixed statement takes every one of them (``None``
is SQL NULL). A *shaped* statement is built from the names of the parameters given (not
None): optional filters make a few shapes, each compiled once. Values reach asyncpg as
they are (UUID, date, datetime, Decimal, str, list, dict for JSON), so keep to those types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeAlias

import asyncpg
from sqlalchemy import MetaData, Table, bindparam
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter

from clusterkit.database import Database
from clusterkit.errors import NotFound

# An asyncpg Record: read by column name (``row["id"]``), ``dict(row)`` for JSON.
Row: TypeAlias = Mapping[str, Any]

# Stable constraint names, so Alembic migrations can name what they alter or drop.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def service_metadata(schema: str) -> MetaData:
    """MetaData for one service: every table in the service's own schema, names by convention."""
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


Build = Callable[[frozenset[str]], ClauseElement]
_DIALECT = asyncpg_dialect()  # type: ignore[no-untyped-call]
_FIXED = frozenset[str]()


class Query:
    """One statement: ``Query(select(...))``, or ``Query(build, shaped=True)`` where
    ``build(present)`` makes the statement for the parameters that were given."""

    def __init__(self, statement: ClauseElement | Build, *, shaped: bool = False):
        if shaped:
            assert callable(statement), "a shaped query is built from the parameters given"
            self._build: Build = statement
        else:
            assert isinstance(statement, ClauseElement)
            fixed = statement
            self._build = lambda present: fixed
        self.shaped = shaped
        self._compiled: dict[frozenset[str], tuple[str, list[str], dict[str, Any]]] = {}

    def sql(self, present: frozenset[str] = _FIXED) -> tuple[str, list[str], dict[str, Any]]:
        """The SQL of a shape, its parameter names in ``$n`` order, and the values of the
        statement's own literals."""
        compiled = self._compiled.get(present)
        if compiled is None:
            statement = self._build(present).compile(dialect=_DIALECT)
            assert isinstance(statement, SQLCompiler)
            if "POSTCOMPILE" in statement.string:
                raise ValueError(
                    "a compiled statement takes no expanding IN (): write "
                    "column == func.any(bindparam(name, type_=ARRAY(...))) and pass a list"
                )
            names = list(statement.positiontup or ())
            # The statement's own values (literals): a bindparam made without one is a
            # parameter the caller must give.
            literals = {
                name: bind.value
                for name, bind in statement.binds.items()
                if not bind.required and bind.callable is None
            }
            compiled = self._compiled[present] = (statement.string, names, literals)
        return compiled

    def arguments(self, params: dict[str, Any]) -> tuple[str, list[Any]]:
        """The SQL text and the positional values for one call."""
        if self.shaped:
            params = {name: value for name, value in params.items() if value is not None}
            sql, names, literals = self.sql(frozenset(params))
        else:
            sql, names, literals = self.sql()
        try:
            return sql, [params[name] if name in params else literals[name] for name in names]
        except KeyError as exc:
            raise TypeError(f"missing SQL parameter {exc} for {sql[:60]!r}") from None


def parameters(table: Table, names: Iterable[str]) -> dict[str, BindParameter[Any]]:
    """``{column: bindparam(column)}`` typed by the table, for ``insert().values()`` and
    ``update().values()`` of a fixed statement."""
    return {name: bindparam(name, type_=table.c[name].type) for name in names}


class SQL:
    """Runs :class:`Query` statements on one asyncpg connection. A unit of work (in a
    transaction) and a reader (autocommit: each statement its own snapshot) are both this."""

    def __init__(self, connection: asyncpg.Connection):
        self.connection = connection

    async def fetch(self, query: Query, **params: Any) -> list[Row]:
        sql, values = query.arguments(params)
        rows: list[Row] = await self.connection.fetch(sql, *values)
        return rows

    async def one(self, query: Query, **params: Any) -> Row | None:
        """The first row, or None."""
        sql, values = query.arguments(params)
        row: Row | None = await self.connection.fetchrow(sql, *values)
        return row

    async def found(self, query: Query, what: str, detail: str, /, **params: Any) -> Row:
        """The row ``query`` selects, or :class:`~clusterkit.errors.NotFound`: the one way
        a service says the thing asked for is not there (``what``, and ``detail``, the
        message id of the sentence that says so)."""
        row = await self.one(query, **params)
        if row is None:
            raise NotFound(what, detail)
        return row

    async def value(self, query: Query, **params: Any) -> Any:
        """The first column of the first row (None if no row)."""
        sql, values = query.arguments(params)
        return await self.connection.fetchval(sql, *values)

    async def execute(self, query: Query, **params: Any) -> str:
        """Run for its effect; the command tag (``UPDATE 1``)."""
        sql, values = query.arguments(params)
        status: str = await self.connection.execute(sql, *values)
        return status

    async def execute_many(self, query: Query, rows: Sequence[dict[str, Any]]) -> None:
        """One fixed statement for many rows, in one round trip."""
        if not rows:
            return
        sql, names, literals = query.sql()
        await self.connection.executemany(
            sql, [[row[name] if name in row else literals[name] for name in names] for row in rows]
        )


def like_escaped(text_value: str) -> str:
    """``text_value`` for a LIKE pattern with ``ESCAPE '/'``: its own % and _ match literally
    (what SQLAlchemy's ``autoescape`` does for a literal, here for a parameter)."""
    return text_value.replace("/", "//").replace("%", "/%").replace("_", "/_")


class Reader(SQL):
    """Reads outside any transaction: each statement on a pool connection of its own, taken
    for that statement only (an endpoint that reads once holds a connection for one round
    trip, and needs no dependency that opens and closes one around it)."""

    def __init__(self, database: Database):
        super().__init__(None)
        self._database = database

    async def fetch(self, query: Query, **params: Any) -> list[Row]:
        async with self._database.connection() as connection:
            return await SQL(connection).fetch(query, **params)

    async def one(self, query: Query, **params: Any) -> Row | None:
        async with self._database.connection() as connection:
            return await SQL(connection).one(query, **params)

    async def value(self, query: Query, **params: Any) -> Any:
        async with self._database.connection() as connection:
            return await SQL(connection).value(query, **params)

    async def execute(self, query: Query, **params: Any) -> str:
        raise TypeError("a reader does not write: run the change in a unit of work")

    async def execute_many(self, query: Query, rows: Sequence[dict[str, Any]]) -> None:
        raise TypeError("a reader does not write: run the change in a unit of work")
