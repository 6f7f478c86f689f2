"""The parties of the supply market as tests drive them: suppliers and their items through
the API, members through membership's events, requests, offers and orders."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

import httpx
from sqlalchemy import bindparam, update

from clusterkit.auth import Caller
from clusterkit.database import Database
from clusterkit.events import CloudEvent
from clusterkit.member_projection import MEMBER_ADMITTED
from clusterkit.sql import SQL, Query
from clusterkit.unit_of_work import Transactions, UnitOfWork
from supply.members.projection import GROUP, projection
from supply.tables import inbox, offers, outbox

API = "/api/v1/supply"
Headers = Callable[..., dict[str, str]]
SOON = (date.today() + timedelta(days=30)).isoformat()
CONSUMER = Caller(role="admin", key_id=f"consumer:{GROUP}")


def new_stir() -> str:
    """A STIR (nine digits) no other supplier or member of the run has."""
    return f"{uuid.uuid4().int % 10**9:09d}"


def supplier_form(
    name: str, *, local: bool = True, categories: tuple[str, ...] = ("reagent",), **fields: Any
) -> dict[str, Any]:
    """What an admin sends to register the supplier ``name`` (and ``fields``): a STIR of its
    own, a local supplier in Navoiy, an importer in Tashkent."""
    return {
        "legal_name": name,
        "stir": new_stir(),
        "region": "UZ-NW" if local else "UZ-TK",
        "is_local": local,
        "categories": list(categories),
        **fields,
    }


def later(days: float = 10) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


def member_event(type_: str, member_id: uuid.UUID | str, **data: object) -> CloudEvent:
    return CloudEvent(
        type=type_,
        source="/coppercluster/membership",
        subject=str(member_id),
        data={"member_id": str(member_id), **data},
    )


async def deliver(db: Database, event: CloudEvent) -> bool:
    """A membership event handled as supply's consumer handles it: the inbox claim, the
    projection's handler and its events in one unit of work; False for a redelivery."""

    async def handle(uow: UnitOfWork) -> bool:
        if not await inbox.claim(uow, GROUP, event):
            return False
        await projection.handlers.apply(uow, event, projection.handlers.read(event))
        return True

    return await Transactions(db, outbox, CONSUMER)(handle)


async def add_member(db: Database, name: str) -> str:
    """A member admitted by membership, as supply's projection learns of it."""
    member_id = uuid.uuid4()
    admitted = member_event(
        MEMBER_ADMITTED,
        member_id,
        legal_name=name,
        stir=new_stir(),
        region="UZ-TO",
        sectors=["cable_wire"],
    )
    assert await deliver(db, admitted)
    return str(member_id)


EXPIRE = Query(
    update(offers)
    .where(offers.c.id == bindparam("id", type_=offers.c.id.type))
    .values(valid_until=bindparam("valid_until", type_=offers.c.valid_until.type))
)


async def expire_offer(db: Database, offer_id: str) -> None:
    """The offer's validity runs out."""
    async with db.connection() as connection:
        await SQL(connection).execute(
            EXPIRE, id=uuid.UUID(offer_id), valid_until=datetime.now(UTC) - timedelta(minutes=1)
        )


class Deal(NamedTuple):
    """A member's request for some acid, and a supplier's live offer on it."""

    supplier_key: dict[str, str]
    member_id: str
    member_key: dict[str, str]
    request: dict[str, Any]
    offer: dict[str, Any]


class Market:
    """Drives the supply API as its parties would."""

    def __init__(self, client: httpx.AsyncClient, as_role: Headers, db: Database):
        self.client = client
        self.as_role = as_role
        self.db = db
        self.admin = as_role("admin")

    async def supplier(
        self,
        name: str,
        *,
        local: bool = True,
        categories: tuple[str, ...] = ("reagent",),
        verify: bool = True,
    ) -> tuple[str, dict[str, str]]:
        body = supplier_form(name, local=local, categories=categories)
        created = await self.client.post(f"{API}/suppliers", json=body, headers=self.admin)
        assert created.status_code == 201, created.text
        supplier_id = created.json()["id"]
        assert created.json()["status"] == "pending"
        if verify:
            verified = await self.client.post(
                f"{API}/suppliers/{supplier_id}/verify", headers=self.admin
            )
            assert verified.json()["status"] == "verified"
        if local:  # a supplier counts as local by a certificate in force, not by its word
            await self.certify(supplier_id)
        return supplier_id, self.as_role("supplier", supplier_id)

    async def certify(
        self, supplier_id: str, *, issued_on: date | None = None, expires_on: date | None = None
    ) -> dict[str, Any]:
        """A local-production certificate in force (from a month ago, for 23 months)."""
        issued = issued_on or date.today() - timedelta(days=30)
        fields = {
            "kind": "local_production_certificate",
            "number": f"UZ-LP-{uuid.uuid4().hex[:8]}",
            "issuer": "Chamber of Commerce and Industry of Uzbekistan",
            "issued_on": issued.isoformat(),
            "expires_on": (expires_on or issued + timedelta(days=700)).isoformat(),
            "local_content_percent": "60",
        }
        created = await self.client.post(
            f"{API}/suppliers/{supplier_id}/documents",
            data=fields,
            files={"file": ("certificate.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")},
            headers=self.admin,
        )
        assert created.status_code == 201, created.text
        certificate: dict[str, Any] = created.json()
        return certificate

    async def member(self, name: str) -> tuple[str, dict[str, str]]:
        member_id = await add_member(self.db, name)
        return member_id, self.as_role("member", member_id)

    async def item(self, key: dict[str, str], **overrides: Any) -> dict[str, Any]:
        body = {
            "name": "Quicklime, 90% CaO",
            "category": "reagent",
            "hs_code": "2825.10",
            "unit": "TNE",
            "unit_price": {"amount": "1450000", "currency": "UZS"},
            "local_content_pct": "100",
            "lead_time_days": 10,
            "available_quantity": "5000",
            "certifications": ["O'zDSt 1180"],
            **overrides,
        }
        listed = await self.client.post(f"{API}/items", json=body, headers=key)
        assert listed.status_code == 201, listed.text
        item: dict[str, Any] = listed.json()
        return item

    async def request(self, key: dict[str, str], lines: list[dict[str, Any]]) -> dict[str, Any]:
        body = {"lines": lines, "needed_by": SOON, "delivery_region": "UZ-TO"}
        opened = await self.client.post(f"{API}/requests", json=body, headers=key)
        assert opened.status_code == 201, opened.text
        request: dict[str, Any] = opened.json()
        return request

    async def offer(
        self,
        key: dict[str, str],
        request_id: str,
        prices: list[str],
        currency: str = "UZS",
        valid_until: str | None = None,
    ) -> httpx.Response:
        request = await self.client.get(f"{API}/requests/{request_id}", headers=self.admin)
        lines = [
            {
                "line_no": line["line_no"],
                "unit_price": price,
                "quantity": line["quantity"],
                "unit": line["unit"],
                "delivery_date": SOON,
            }
            for line, price in zip(request.json()["lines"], prices, strict=True)
        ]
        body = {"currency": currency, "lines": lines, "valid_until": valid_until or later()}
        return await self.client.post(f"{API}/requests/{request_id}/offers", json=body, headers=key)

    async def quoted(
        self,
        supplier_key: dict[str, str],
        member_key: dict[str, str],
        lines: list[dict[str, Any]] | None = None,
        prices: tuple[str, ...] = ("900000",),
        currency: str = "UZS",
    ) -> tuple[dict[str, Any], httpx.Response]:
        """A member's request (for some acid, unless ``lines``) and a supplier's offer on it."""
        request = await self.request(member_key, lines or [acid()])
        offer = await self.offer(supplier_key, request["id"], list(prices), currency=currency)
        assert offer.status_code == 201, offer.text
        return request, offer

    async def deal(self, member: str) -> Deal:
        """Acid Works LLC's offer on a request of the member named ``member``."""
        _, supplier_key = await self.supplier("Acid Works LLC")
        member_id, member_key = await self.member(member)
        request, offer = await self.quoted(supplier_key, member_key)
        return Deal(supplier_key, member_id, member_key, request, offer.json())

    async def pages(
        self, url: str, headers: dict[str, str], *, limit: int, **params: Any
    ) -> list[dict[str, Any]]:
        """Every item of a list, read ``limit`` at a time by its cursors."""
        items: list[dict[str, Any]] = []
        cursor = None
        for _ in range(20):
            page = await self.client.get(
                url,
                params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})},
                headers=headers,
            )
            assert page.status_code == 200, page.text
            items += page.json()["items"]
            cursor = page.json()["next_cursor"]
            if cursor is None:
                return items
        raise AssertionError(f"more than 20 pages of {url}")

    async def accept(self, member_key: dict[str, str], offer: httpx.Response) -> dict[str, Any]:
        accepted = await self.client.post(
            f"{API}/offers/{offer.json()['id']}/accept", headers=member_key
        )
        assert accepted.status_code == 201, accepted.text
        order: dict[str, Any] = accepted.json()
        return order


def catalogue_line(item: dict[str, Any], quantity: str = "400") -> dict[str, Any]:
    """A request line for a catalogue item, in the item's unit."""
    return {"catalogue_item_id": item["id"], "quantity": quantity, "unit": item["unit"]}


def acid(quantity: str = "50", category: str = "reagent", unit: str = "TNE") -> dict[str, Any]:
    """A request line without a catalogue item."""
    return {
        "hs_code": "2807",
        "description": "Sulfuric acid",
        "category": category,
        "quantity": quantity,
        "unit": unit,
    }
