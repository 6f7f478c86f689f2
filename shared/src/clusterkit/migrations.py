"""Alembic support: one environment per service, confined to the service's schema.

A service's ``migrations/env.py`` is two lines: import its metadata and call :func:`run`.
The connection URL comes from the ``-x url=...`` argument, the ``sqlalchemy.url`` option or
the service's ``<PREFIX>DATABASE_URL`` environment variable, in that order.
"""

from __future__ import annotations

import asyncio
import os

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy import Column, MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from clusterkit.consumer import inbox_table
from clusterkit.idempotency import idempotency_table
from clusterkit.member_projection import member_table
from clusterkit.outbox import outbox_table
from clusterkit.sql import service_metadata


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
    table = outbox_table(MetaData(schema=schema))
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
