"""The schema the migrations make is the one each service's ``tables.py`` declares.

Migrations and ``tables.py`` describe one schema twice: the migrations as the steps a deploy
runs, ``tables.py`` as what the queries read. Alembic's autogenerate comparison, run on a
real database migrated to head (the suite's ``platform_database``), finds every table,
column, type, nullability, index, unique and foreign key where the two disagree. It is also
what keeps a refactored migration honest about its result (see
docs/decisions/0017-refactoring-applied-migrations.md).
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from clusterkit.testing import TestDatabase

SERVICES = ("membership", "production", "supply", "gateway")
# Where the migrated schema and tables.py disagree today. The first outbox migration built
# the table outside the naming convention, so Postgres named its unique key; the index on
# figures (period, metric) was made by migration 0002 and never declared in tables.py. Each
# is harmless as it stands; making the two agree is a change of its own (a migration, or a
# line in tables.py). Any other difference fails, and so does one listed here that is gone.
OUTBOX_UNIQUE_NAMED_BY_POSTGRES = [
    "add_constraint outbox uq_outbox_event_id (event_id)",
    "remove_constraint outbox outbox_event_id_key (event_id)",
]
KNOWN = {
    "membership": OUTBOX_UNIQUE_NAMED_BY_POSTGRES,
    "production": [
        *OUTBOX_UNIQUE_NAMED_BY_POSTGRES,
        "remove_index figures ix_figures_period_metric (period, metric)",
    ],
    "supply": OUTBOX_UNIQUE_NAMED_BY_POSTGRES,
    "gateway": OUTBOX_UNIQUE_NAMED_BY_POSTGRES,
}


def differences(connection: Connection, metadata: MetaData) -> list[Any]:
    schema = metadata.schema

    def own_schema(name: str | None, type_: str, parent: object) -> bool:
        return type_ != "schema" or name == schema

    context = MigrationContext.configure(
        connection,
        opts={
            "include_schemas": True,
            "include_name": own_schema,
            "version_table_schema": schema,
            "compare_type": True,
            "compare_server_default": False,
        },
    )
    return [describe(change) for change in compare_metadata(context, metadata)]


def describe(change: Any) -> str:
    """One difference as a line: what autogenerate would do, to which table and columns."""
    if isinstance(change, list):  # modify_* changes of one column come as a list
        return "; ".join(describe(part) for part in change)
    operation, *rest = change
    target = rest[0] if rest else None
    if operation.startswith("modify_"):
        _, table, column, *_ = rest
        return f"{operation} {table}.{column}"
    table = getattr(getattr(target, "table", target), "name", None)
    columns = ", ".join(c.name for c in getattr(target, "columns", []))
    return f"{operation} {table} {getattr(target, 'name', None)} ({columns})"


# supply's ix_items_hs_code carries an operator class (text_pattern_ops): Alembic compares
# that index by name only, and says so.
@pytest.mark.filterwarnings("ignore:Expression #1 'hs_code text_pattern_ops':UserWarning")
@pytest.mark.parametrize("service", SERVICES)
async def test_the_migrated_schema_is_the_services_tables(
    platform_database: TestDatabase, service: str
) -> None:
    metadata = importlib.import_module(f"{service}.tables").metadata
    # The role's own schema is first on its search path ("$user"), and Alembic reflects the
    # default schema as unnamed; the tables name their schema, so reflect from outside it.
    engine = create_async_engine(
        platform_database.url(service),
        poolclass=pool.NullPool,
        connect_args={"server_settings": {"search_path": "public"}},
    )
    try:
        async with engine.connect() as connection:
            found = await connection.run_sync(differences, metadata)
    finally:
        await engine.dispose()
    assert sorted(found) == sorted(KNOWN[service]), "\n".join(found)
