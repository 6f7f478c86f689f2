"""Alembic support: one environment per service, confined to the service's schema.

A service's ``migrations/env.py`` is two lines: import its metadata and call :func:`run`.
The connection URL comes from the ``-x url=...`` argument, the ``sqlalchemy.url`` option or
the service's ``<PREFIX>DATABASE_URL`` environment variable, in that order. Offline
(``alembic upgrade head --sql``) needs no database: it prints the SQL, which is what
``tests/test_migrations.py`` lints with squawk.
"""

from __future__ import annotations

import asyncio
import os

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy import Column, MetaData, Text, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from clusterkit.consumer import inbox_table
from clusterkit.documents import document_tables
from clusterkit.idempotency import idempotency_table
from clusterkit.member_projection import member_table
from clusterkit.outbox import outbox_table
from clusterkit.sql import service_metadata

# A migration waits at most this long for a lock: an ALTER queued behind a long transaction
# would hold every later query of the table behind it; failing fast lets the deploy retry.
LOCK_TIMEOUT = "5s"
# And runs at most this long (an index build on a big table is the slow case).
STATEMENT_TIMEOUT = "10min"
TIMEOUTS = (
    f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'",
    f"SET LOCAL statement_timeout = '{STATEMENT_TIMEOUT}'",
)


def _url(env_var: str) -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    url = url or context.config.get_main_option("sqlalchemy.url") or os.environ.get(env_var)
    if not url:
        raise RuntimeError(f"no database URL: pass -x url=... or set {env_var}")
    return url


def run(metadata: MetaData, *, env_var: str) -> None:
    """Run this service's migrations (online, async) inside its own schema only."""
    schema = metadata.schema
    assert schema, "service metadata must name its schema"

    def include_object(
        obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
    ) -> bool:
        return getattr(obj, "schema", schema) in (schema, None)

    if context.is_offline_mode():
        # Only the dialect matters offline; no URL is needed to print the SQL.
        context.configure(
            dialect_name="postgresql",
            target_metadata=metadata,
            version_table_schema=schema,
            include_schemas=True,
            include_object=include_object,
            literal_binds=True,
        )
        with context.begin_transaction():
            for statement in TIMEOUTS:
                context.execute(statement)
            context.run_migrations()
        return

    def migrate(connection: Connection) -> None:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table_schema=schema,
            include_schemas=True,
            include_object=include_object,
            compare_type=True,
        )
        with context.begin_transaction():
            for statement in TIMEOUTS:
                context.execute(statement)
            context.run_migrations()

    async def main() -> None:
        engine = create_async_engine(_url(env_var), poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.execute(sa.text(f'SET search_path TO "{schema}"'))
            await connection.run_sync(migrate)
            await connection.commit()
        await engine.dispose()

    asyncio.run(main())


# The outbox, inbox and idempotency tables as of version 1, for a service's first migration. Defined
# once here so the three services' migrations do not each copy the DDL.
def create_outbox_table_v1(schema: str) -> None:
    table = outbox_table(MetaData(schema=schema), version=1)
    table.create(op.get_bind())


def create_inbox_table_v1(schema: str) -> None:
    table = inbox_table(MetaData(schema=schema))
    table.create(op.get_bind())


def create_idempotency_table_v1(schema: str) -> None:
    table = idempotency_table(MetaData(schema=schema))
    table.create(op.get_bind())


def create_member_table_v1(schema: str, name: str, *extra: Column[object]) -> None:
    """The member projection's table as of version 1 (``extra``: the service's own columns)."""
    member_table(service_metadata(schema), name, *extra).create(op.get_bind())


def create_document_tables_v1(schema: str) -> None:
    """The documents tables as of version 1 (``clusterkit.documents``)."""
    for table in document_tables(service_metadata(schema)):
        table.create(op.get_bind())


def add_traceparent(schema: str, *tables: str) -> None:
    """Outbox version 2 (and the gateway's stored events): each event's trace context."""
    for table in tables:
        op.add_column(table, Column("traceparent", Text), schema=schema)


def drop_traceparent(schema: str, *tables: str) -> None:
    for table in tables:
        op.drop_column(table, "traceparent", schema=schema)
