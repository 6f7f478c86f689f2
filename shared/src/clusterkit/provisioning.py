"""Database provisioning: one database, and for each service a login role that owns its
schema and has rights on nothing else.

Run by the local stack, the test fixtures and the compose/k8s bootstrap job; idempotent.
"""

from __future__ import annotations

import asyncpg


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a plain identifier: {name!r}")
    return f'"{name}"'


async def provision(admin_dsn: str, database: str, roles: dict[str, str]) -> None:
    """Create ``database`` and, per ``{service: password}``, role and schema ``service``.

    ``admin_dsn`` is a superuser DSN (``postgresql://...``) to the maintenance database.
    """
    admin = await asyncpg.connect(admin_dsn)
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database):
            await admin.execute(f"CREATE DATABASE {_ident(database)}")
        for role, password in roles.items():
            exists = await admin.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", role)
            verb = "ALTER" if exists else "CREATE"
            # Passwords cannot be bind parameters in DDL; quote_literal-equivalent escaping.
            quoted = "'" + password.replace("'", "''") + "'"
            await admin.execute(f"{verb} ROLE {_ident(role)} LOGIN PASSWORD {quoted}")
    finally:
        await admin.close()

    db = await asyncpg.connect(admin_dsn, database=database)
    try:
        await db.execute(f"REVOKE ALL ON DATABASE {_ident(database)} FROM PUBLIC")
        await db.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
        for role in roles:
            r = _ident(role)
            await db.execute(f"GRANT CONNECT, TEMPORARY ON DATABASE {_ident(database)} TO {r}")
            await db.execute(f"CREATE SCHEMA IF NOT EXISTS {r} AUTHORIZATION {r}")
            await db.execute(f"ALTER ROLE {r} IN DATABASE {_ident(database)} SET search_path = {r}")
    finally:
        await db.close()


def main() -> None:
    """``python -m clusterkit.provisioning``: provision from the environment (compose, k8s).

    ``CLUSTER_ADMIN_DSN`` (superuser DSN), ``CLUSTER_DATABASE`` and, per service, its role's
    password in ``<SERVICE>_DB_PASSWORD`` for each name in ``CLUSTER_SERVICES``
    (comma-separated).
    """
    import asyncio
    import os

    services = [s.strip() for s in os.environ["CLUSTER_SERVICES"].split(",") if s.strip()]
    roles = {s: os.environ[f"{s.upper()}_DB_PASSWORD"] for s in services}
    asyncio.run(provision(os.environ["CLUSTER_ADMIN_DSN"], os.environ["CLUSTER_DATABASE"], roles))
    print(f"provisioned database {os.environ['CLUSTER_DATABASE']} for {', '.join(services)}")


if __name__ == "__main__":
    main()
