"""Alembic support: one environment per service, confined to the service's schema.

A service's ``migrations/env.py`` is two lines: import its metadata and call :func:`run`.
The connection URL comes from the ``-x url=...`` argument, the ``sqlalchemy.url`` option or
the service's ``<PREFIX>DATABASE_URL`` environment variable, in that order. Offline
(``alembic upgrade head --sql``) needs no database: it prints the SQL, which is what
``tests/test_migrations.py`` lints with squawk.

Below :func:`run`, the vocabulary the services' migrations are written in: the project's
constraint names, the columns every table of a kind carries, and the shared tables' versions.
Applied migrations call these, so what one of them builds must never change: other DDL is a
new helper (docs/decisions/0017-refactoring-applied-migrations.md).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKeyConstraint,
    Identity,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Text,
    Uuid,
    pool,
)
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.schema import SchemaItem

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


@dataclass(frozen=True)
class References:
    """A foreign key of :func:`create_table`: ``column`` refers to ``table.to``."""

    column: str
    table: str
    to: str = "id"
    ondelete: str | None = None


def create_table(
    schema: str,
    name: str,
    *elements: SchemaItem | References,
    primary_key: Sequence[str] = ("id",),
) -> None:
    """``op.create_table`` with the constraints named as ``tables.py`` names them: the
    primary key ``pk_<table>``, each foreign key ``fk_<table>_<column>_<referred table>``."""
    items = [
        ForeignKeyConstraint(
            [e.column],
            [f"{schema}.{e.table}.{e.to}"],
            name=f"fk_{name}_{e.column}_{e.table}",
            ondelete=e.ondelete,
        )
        if isinstance(e, References)
        else e
        for e in elements
    ]
    op.create_table(
        name, *items, PrimaryKeyConstraint(*primary_key, name=f"pk_{name}"), schema=schema
    )


def drop_tables(schema: str, *names: str) -> None:
    """A downgrade's ``DROP TABLE``s, in the order given (a referring table before the one it
    refers to)."""
    for name in names:
        op.drop_table(name, schema=schema)


def organisation_columns() -> tuple[Column[str], ...]:
    """What names an organisation wherever one is kept (an application, a member, a
    supplier): its legal name, its STIR (9 digits) and its region (ISO 3166-2, ``UZ-TO``)."""
    return (
        Column("legal_name", Text, nullable=False),
        Column("stir", String(9), nullable=False),
        Column("region", String(5), nullable=False),
    )


def uuid_id() -> Column[UUID]:
    """``id``: a row's key made by the service (a UUID)."""
    return Column("id", Uuid, nullable=False)


def identity_id() -> Column[int]:
    """``id``: a row's key counted by Postgres (``GENERATED ALWAYS AS IDENTITY``)."""
    return Column("id", BigInteger, Identity(always=True), nullable=False)


def timestamp(name: str, *, nullable: bool = False, now: bool = False) -> Column[datetime]:
    """A ``timestamptz`` column, NOT NULL unless ``nullable``; ``now``: Postgres fills it."""
    return Column(
        name,
        DateTime(timezone=True),
        nullable=nullable,
        server_default=sa.func.now() if now else None,
    )


def row_version() -> Column[int]:
    """``version``: the row's version, its ETag (``clusterkit.conditional``)."""
    return Column("version", Integer, nullable=False, server_default="1")


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
