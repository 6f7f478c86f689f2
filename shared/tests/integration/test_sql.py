"""Query and KeysetList: Core statements compiled once per shape, run on asyncpg with
their parameters in the right places, against a real Postgres."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from sqlalchemy import Integer, Select, String, bindparam, case, insert, select

from clusterkit import errors
from clusterkit.listing import KeysetList, PageQuery
from clusterkit.sql import SQL, Query, like_escaped, parameters

from .conftest import Schema


async def fill(schema: Schema, rows: list[dict[str, Any]]) -> None:
    add = Query(insert(schema.things).values(**parameters(schema.things, ["id", "n"])))
    async with schema.database.transaction() as connection:
        await SQL(connection).execute_many(add, rows)


def _things(schema: Schema) -> Query:
    t = schema.things.c
    built: list[frozenset[str]] = []

    def build(present: frozenset[str]) -> Select[Any]:
        built.append(present)
        # A literal of the statement's own ('small'/'big') beside named parameters, one of
        # them used twice.
        size = case((t.n < bindparam("big_from", type_=Integer), "small"), else_="big")
        query = select(t.id, t.n, size.label("size")).order_by(t.n).limit(bindparam("limit"))
        if "id_like" in present:
            query = query.where(t.id.like(bindparam("id_like", type_=String), escape="/"))
        if "big_from" in present:
            query = query.where(t.n < bindparam("big_from", type_=Integer) * 2)
        return query

    compiled = Query(build, shaped=True)
    compiled.built = built  # type: ignore[attr-defined]
    return compiled


async def test_parameters_land_in_place_and_each_shape_compiles_once(schema: Schema) -> None:
    await fill(
        schema, [{"id": f"thing_{n}", "n": n} for n in range(10)] + [{"id": "100%", "n": 100}]
    )
    query = _things(schema)
    async with schema.database.connection() as connection:
        sql = SQL(connection)

        async def rows(**params: Any) -> list[Any]:
            return await sql.fetch(query, **params)

        await check_shapes(rows)
    assert query.built == [  # type: ignore[attr-defined]
        frozenset({"limit", "big_from"}),
        frozenset({"limit", "big_from", "id_like"}),
        frozenset({"limit"}),
    ]


async def check_shapes(things: Any) -> None:
    rows = await things(limit=3, big_from=4, id_like=None)
    assert [(r["id"], r["size"]) for r in rows] == [
        ("thing_0", "small"),
        ("thing_1", "small"),
        ("thing_2", "small"),
    ]
    rows = await things(limit=10, big_from=3)
    assert [(r["n"], r["size"]) for r in rows] == [
        (0, "small"),
        (1, "small"),
        (2, "small"),
        (3, "big"),
        (4, "big"),
        (5, "big"),
    ]
    # % and _ in the text match themselves only
    rows = await things(limit=10, big_from=1000, id_like=f"{like_escaped('100%')}")
    assert [r["id"] for r in rows] == ["100%"]
    assert await things(limit=10, big_from=1000, id_like=like_escaped("thing%")) == []
    with pytest.raises(TypeError, match="missing SQL parameter 'big_from'"):
        await things(limit=10)  # the CASE needs it in every shape


async def test_a_fixed_statement_needs_every_parameter_and_takes_none_as_null(
    schema: Schema,
) -> None:
    add = Query(insert(schema.things).values(**parameters(schema.things, ["id", "n"])))
    async with schema.database.transaction() as connection:
        sql = SQL(connection)
        await sql.execute(add, id="nothing", n=None)
        with pytest.raises(TypeError, match="missing SQL parameter"):
            await sql.execute(add, id="no-n")
        assert await sql.value(Query(select(schema.things.c.n))) is None


def things_list(schema: Schema, descending: bool) -> KeysetList:
    t = schema.things.c

    def filtered(present: frozenset[str]) -> Select[Any]:
        query = select(t.id, t.n)
        if "at_least" in present:
            query = query.where(t.n >= bindparam("at_least", type_=Integer))
        return query

    return KeysetList(filtered, key=[t.n, t.id], descending=descending)


@pytest.mark.parametrize("descending", [False, True])
async def test_a_keyset_list_walks_every_row_once_in_order(
    schema: Schema, descending: bool
) -> None:
    # Ties on n, so the id decides within them.
    await fill(schema, [{"id": f"t{i:02}", "n": i // 3} for i in range(20)])
    listing = things_list(schema, descending)
    seen: list[tuple[int, str]] = []
    cursor = None
    pages = 0
    async with schema.database.connection() as connection:
        while True:
            rows, cursor = await listing.rows(SQL(connection), limit=6, cursor=cursor, at_least=2)
            seen += [(row["n"], row["id"]) for row in rows]
            pages += 1
            if cursor is None:
                break
        page = await listing.page(SQL(connection), PageQuery(limit=2), at_least=None)
    expected = sorted(((i // 3, f"t{i:02}") for i in range(20) if i // 3 >= 2), reverse=descending)
    assert seen == expected
    assert pages == 3  # 14 rows: 6 + 6 + 2, the last page says there is no next one
    body = orjson.loads(page.body)
    assert len(body["items"]) == 2
    assert body["next_cursor"]


async def test_a_crafted_cursor_is_an_invalid_request(schema: Schema) -> None:
    listing = things_list(schema, False)
    async with schema.database.connection() as connection:
        for cursor in ("not-base64!", "WzFd", "WyJ4IiwgInkiXQ"):  # junk, one value, not int
            with pytest.raises(errors.InvalidRequest):
                await listing.rows(SQL(connection), limit=2, cursor=cursor)
