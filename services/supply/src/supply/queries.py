"""Statement pieces several features' queries take: a row by its id, a list's filters, a
category in an array column, the supplier beside a row of its own, and a new row made
now()."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Table, Text, bindparam, cast, func
from sqlalchemy.dialects.postgresql import ARRAY, Insert, array, insert

from clusterkit.sql import parameters


def by_id(table: Table) -> ColumnElement[bool]:
    """``table.id = :id``."""
    return table.c.id == bindparam("id", type_=table.c.id.type)


def equals(column: ColumnElement[Any], name: str | None = None) -> ColumnElement[bool]:
    """``column = :name``: a parameter of the column's type, by default of its name."""
    return column == bindparam(name or column.key, type_=column.type)


def given(
    present: frozenset[str], filters: Mapping[str, ColumnElement[bool]]
) -> list[ColumnElement[bool]]:
    """Those of a list's ``filters`` (each under the name of its parameter) that are given."""
    return [condition for name, condition in filters.items() if name in present]


def has_category(column: Any) -> Any:
    """``column @> ARRAY[:category]``: an array column that holds the category asked for."""
    return column.contains(cast(array([bindparam("category", type_=Text)]), ARRAY(Text)))


def supplier_beside(supplier: Any) -> list[Any]:
    """A supplier's columns beside another row's, as ``supplier_*`` (for the checks and an
    event's party); ``supplier``: the columns of ``suppliers`` or of a select of it."""
    return [
        supplier.status.label("supplier_status"),
        supplier.legal_name.label("supplier_legal_name"),
        supplier.stir.label("supplier_stir"),
        supplier.is_local.label("supplier_is_local"),
    ]


def made_now(table: Table, columns: Iterable[str], **values: Any) -> Insert:
    """A new row of ``table``: ``columns`` from the parameters of their names, ``values`` as
    they are, made and changed now()."""
    return insert(table).values(
        **parameters(table, columns), **values, created_at=func.now(), updated_at=func.now()
    )
