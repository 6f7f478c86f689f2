"""``gateway-keys``: issue an API key from the command line (the first admin key).

    gateway-keys create --name ops --role admin
prints the key once; it is stored hashed. The database URL comes from GATEWAY_DATABASE_URL.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import get_args

from clusterkit.auth import Role
from clusterkit.db import Database
from gateway.keys import issue_key
from gateway.settings import GatewaySettings


async def _create(args: argparse.Namespace) -> None:
    database = Database(GatewaySettings().database_url, pool_size=1)
    try:
        async with database.session() as session:
            issued = await issue_key(
                session, name=args.name, role=args.role, organisation_id=args.organisation_id
            )
            await session.commit()
    finally:
        await database.dispose()
    print(issued.key)
    print(f"key id {issued.id} ({args.role}); shown once, stored hashed", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="gateway-keys",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="issue a key and print it")
    create.add_argument("--name", required=True)
    create.add_argument(
        "--role", required=True, choices=[r for r in get_args(Role) if r != "anonymous"]
    )
    create.add_argument("--organisation-id")
    args = parser.parse_args(argv)
    try:
        asyncio.run(_create(args))
    except ValueError as exc:
        parser.error(str(exc))


if __name__ == "__main__":
    main()
