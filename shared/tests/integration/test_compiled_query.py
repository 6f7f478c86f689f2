"""CompiledQuery: a Core statement compiled once per shape, run on asyncpg with its
parameters in the right places, against a real Postgres."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, Select, String, bindparam, case, insert, select

from clusterkit.db import CompiledQuery, like_escaped

from .conftest import Schema


def _things(schema: Schema) -> CompiledQuery:
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

    compiled = CompiledQuery(build)
    compiled.built = built  # type: ignore[attr-defined]
    return compiled


async def test_parameters_land_in_place_and_each_shape_compiles_once(schema: Schema) -> None:
    async with schema.database.session() as session:
        await session.execute(
            insert(schema.things),
            [{"id": f"thing_{n}", "n": n} for n in range(10)] + [{"id": "100%", "n": 100}],
        )
        await session.commit()
    things = _things(schema)

    rows = await things.rows(schema.database, limit=3, big_from=4, id_like=None)
    assert [(r["id"], r["size"]) for r in rows] == [
        ("thing_0", "small"),
        ("thing_1", "small"),
        ("thing_2", "small"),
    ]
    rows = await things.rows(schema.database, limit=10, big_from=3)
    assert [(r["n"], r["size"]) for r in rows] == [
        (0, "small"),
        (1, "small"),
        (2, "small"),
        (3, "big"),
        (4, "big"),
        (5, "big"),
    ]
    # % and _ in the text match themselves only
    rows = await things.rows(schema.database, limit=10, id_like=f"{like_escaped('100%')}")
    assert [r["id"] for r in rows] == ["100%"]
    assert await things.rows(schema.database, limit=10, id_like=like_escaped("thing%")) == []

    assert things.built == [  # type: ignore[attr-defined]
        frozenset({"limit", "big_from"}),
        frozenset({"limit", "id_like"}),
    ]
