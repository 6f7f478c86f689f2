"""``gateway-keys``: issue an API key from the command line (the first admin key), and
seal every webhook secret again under the first of the webhook secret keys.

    gateway-keys create --name ops --role admin
prints the key once; it is stored hashed.

    gateway-keys reseal-webhook-secrets
after a new key was put first in GATEWAY_WEBHOOK_SECRET_KEYS: then the old keys may go.
The database URL comes from GATEWAY_DATABASE_URL.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import get_args

from clusterkit.database import Database
from clusterkit.errors import InvalidFields
from clusterkit.unit_of_work import Transactions
from gateway.keys.schemas import KeyRole
from gateway.keys.service import issue_key
from gateway.settings import GatewaySettings
from gateway.tables import outbox
from gateway.webhooks.sealing import box_of, reseal_all


async def _create(args: argparse.Namespace) -> None:
    database = Database(GatewaySettings().database_url, pool_size=1)
    try:
        issued = await Transactions(database, outbox)(
            issue_key, name=args.name, role=args.role, organisation_id=args.organisation_id
        )
    finally:
        await database.dispose()
    print(issued["key"])
    print(f"key id {issued['id']} ({args.role}); shown once, stored hashed", file=sys.stderr)


async def _reseal(args: argparse.Namespace) -> None:
    settings = GatewaySettings()
    database = Database(settings.database_url, pool_size=1)
    try:
        count = await reseal_all(Transactions(database, outbox), box_of(settings))
    finally:
        await database.dispose()
    print(f"{count} webhook subscriptions sealed under the first key", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="gateway-keys",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="issue a key and print it")
    create.add_argument("--name", required=True)
    create.add_argument("--role", required=True, choices=get_args(KeyRole))
    create.add_argument("--organisation-id")
    sub.add_parser("reseal-webhook-secrets", help="seal every webhook secret under the first key")
    args = parser.parse_args(argv)
    try:
        asyncio.run(_create(args) if args.command == "create" else _reseal(args))
    except InvalidFields as exc:
        parser.error("; ".join(f"{e['field']} {e['message']}" for e in exc.errors))


if __name__ == "__main__":
    main()
