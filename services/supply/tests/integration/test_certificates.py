"""The certificate rule: a purchase is local when its supplier held a local-production
certificate in force on the day the order was placed, whatever the supplier declared; and
the expiry notice, published once, 30 days before."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx

from clusterkit.database import Database
from clusterkit.unit_of_work import Transactions
from supply.certificates.events import CERTIFICATE_EXPIRING
from supply.certificates.service import CERTIFICATE_EXPIRY, TIME_ZONE, announce_expiring
from supply.settings import SupplySettings
from supply.tables import outbox

from ..conftest import published
from .market import API, Headers, Market, acid


def today() -> date:
    """The day the rule reads: Tashkent's (a UTC date is the day before from 19:00 UTC)."""
    return datetime.now(ZoneInfo(TIME_ZONE)).date()


async def test_only_a_certificate_in_force_makes_a_purchase_local(
    market: Market, client: httpx.AsyncClient, as_role: Headers
) -> None:
    day = today()
    # Each says it is local; one's certificate begins tomorrow, another's ended yesterday.
    _, certified = await market.supplier("In Force Ohak LLC")
    future_id, future = await market.supplier("Tomorrow Ohak LLC", local=False)
    await market.certify(future_id, issued_on=day + timedelta(days=1))
    lapsed_id, lapsed = await market.supplier("Lapsed Ohak LLC", local=False)
    await market.certify(
        lapsed_id, issued_on=day - timedelta(days=700), expires_on=day - timedelta(days=1)
    )
    _, member_key = await market.member("Certified Buyer LLC")
    for key in (certified, future, lapsed):
        _, offer = await market.quoted(key, member_key, [acid("10")], ("1000000",))
        await market.accept(member_key, offer)

    figures = (await client.get(f"{API}/stats/localization", headers=as_role())).json()
    assert figures["orders"] == 3
    assert (figures["local_uzs"], figures["non_local_uzs"]) == ("10000000.00", "20000000.00")


async def test_an_expiring_certificate_is_announced_once(market: Market, db: Database) -> None:
    day = today()
    soon_id, _ = await market.supplier("Expiring Ohak LLC", local=False)
    soon = await market.certify(
        soon_id, issued_on=day - timedelta(days=600), expires_on=day + timedelta(days=20)
    )
    later_id, _ = await market.supplier("Later Ohak LLC", local=False)
    await market.certify(later_id, issued_on=day, expires_on=day + timedelta(days=40))
    write = Transactions(db, outbox, CERTIFICATE_EXPIRY.caller)

    assert await write(announce_expiring, days=30) == 1
    assert await write(announce_expiring, days=30) == 0  # once: the next turns find it done
    assert await CERTIFICATE_EXPIRY.run_once(write, SupplySettings(environment="test")) == 0

    [event] = [data for type_, _, data in await published(db) if type_ == CERTIFICATE_EXPIRING]
    assert event["supplier_id"] == soon_id
    assert event["document_id"] == soon["id"]
    assert event["expires_on"] == (day + timedelta(days=20)).isoformat()
    assert event["number"] == soon["details"]["number"]
