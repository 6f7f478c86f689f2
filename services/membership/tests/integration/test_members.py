"""The member registry: admission, public and private views, filters, ETag concurrency,
suspension (with an end date that needs no cron), reinstatement and expulsion."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from clusterkit.database import Database
from clusterkit.testing import AsRole
from membership import events as ev
from membership.tables import members

from ..conftest import MEMBERS, Applicant, published, run

PUBLIC = {"id", "legal_name", "stir", "region", "sectors", "status", "admitted_at"}


@pytest.fixture
async def member_id(applicant: Applicant) -> str:
    """A member admitted through its approved application, with a quota of 1000 t."""
    await applicant.reach("under_review")
    approved = await applicant.act("approve", {"cathode_quota_tpy": "1000"})
    assert approved.status_code == 200, approved.text
    admitted: str = approved.json()["member_id"]
    return admitted


@pytest.fixture
def one(member_id: str) -> str:
    """The admitted member's URL."""
    return f"{MEMBERS}/{member_id}"


async def test_approval_admits_a_member_whose_private_fields_only_it_and_admins_see(
    client: httpx.AsyncClient, as_role: AsRole, db: Database, member_id: str, one: str
) -> None:
    public = await client.get(one, headers=as_role())
    assert public.status_code == 200
    assert set(public.json()) == PUBLIC
    assert public.json()["status"] == "active"
    for headers in (as_role("admin"), as_role("member", member_id)):
        private = (await client.get(one, headers=headers)).json()
        assert private["contact"]["email"] == "info@kabel.uz"
        assert private["cathode_quota_tpy"] == "1000.000"
    other = (await client.get(one, headers=as_role("member", "someone-else"))).json()
    assert set(other) == PUBLIC
    listed = (await client.get(MEMBERS, headers=as_role())).json()["items"]
    assert [set(m) for m in listed] == [PUBLIC]
    unknown = await client.get(f"{MEMBERS}/00000000-0000-0000-0000-000000000000", headers=as_role())
    assert unknown.status_code == 404
    admitted = [d for t, _, d in await published(db) if t == ev.MEMBER_ADMITTED]
    assert [d["member_id"] for d in admitted] == [member_id]


async def test_the_registry_filters_and_pages(client: httpx.AsyncClient, as_role: AsRole) -> None:
    made = {}
    for i, (name, region, sectors) in enumerate(
        [
            ("Andijon Cable LLC", "UZ-AN", ["cable_wire"]),
            ("Buxoro Pipes LLC", "UZ-BU", ["pipes", "fittings"]),
            ("Chirchiq Powder LLC", "UZ-TO", ["copper_powder"]),
            ("Denov Cable LLC", "UZ-SU", ["cable_wire", "training"]),
        ]
    ):
        applicant = Applicant(client, as_role)
        assert (
            await applicant.submit(
                legal_name=name, stir=f"50000000{i}", region=region, sectors=sectors
            )
        ).status_code == 201
        await applicant.act("start-review")
        made[name] = (await applicant.act("approve")).json()["member_id"]

    async def names(**params: str) -> list[str]:
        found, cursor = [], None
        while True:
            page_params = {**params, "limit": "1", **({"cursor": cursor} if cursor else {})}
            page = await client.get(MEMBERS, params=page_params, headers=as_role())
            assert page.status_code == 200, page.text
            found += [m["legal_name"] for m in page.json()["items"]]
            cursor = page.json()["next_cursor"]
            if not cursor:
                return found

    assert await names() == sorted(made)
    assert await names(sector="cable_wire") == ["Andijon Cable LLC", "Denov Cable LLC"]
    assert await names(region="UZ-BU") == ["Buxoro Pipes LLC"]
    assert await names(q="cable") == ["Andijon Cable LLC", "Denov Cable LLC"]
    assert await names(q="%") == []  # a wildcard is searched for, not obeyed
    await client.post(
        f"{MEMBERS}/{made['Chirchiq Powder LLC']}/suspend",
        json={"reason": "Overdue reports"},
        headers=as_role("admin"),
    )
    assert await names(status="suspended") == ["Chirchiq Powder LLC"]
    assert "Chirchiq Powder LLC" not in await names(status="active")
    bad = await client.get(MEMBERS, params={"region": "UZ-XX", "sector": "gold"}, headers=as_role())
    assert {e["field"] for e in bad.json()["errors"]} == {"region", "sector"}


async def test_patch_needs_if_match_and_a_stale_etag_is_412(
    client: httpx.AsyncClient, as_role: AsRole, db: Database, one: str
) -> None:
    admin = as_role("admin")
    change = {"sectors": ["cable_wire", "pipes"], "cathode_quota_tpy": "1500"}
    assert (await client.patch(one, json=change, headers=admin)).status_code == 428
    etag = (await client.get(one, headers=admin)).headers["etag"]
    done = await client.patch(one, json=change, headers={**admin, "If-Match": etag})
    assert done.status_code == 200, done.text
    assert done.json()["sectors"] == ["cable_wire", "pipes"]
    assert done.headers["etag"] == '"2"'
    late = await client.patch(
        one, json={"legal_name": "Late LLC"}, headers={**admin, "If-Match": etag}
    )
    assert late.status_code == 412
    assert late.json()["current_version"] == 2
    assert late.headers["etag"] == '"2"'
    # any well-formed tag that is not the current one is stale; a malformed one is a 400
    for tag, status in (('"stale-version"', 412), ('W/"2"', 412), ("garbage", 400)):
        answer = await client.patch(one, json=change, headers={**admin, "If-Match": tag})
        assert answer.status_code == status, (tag, answer.text)
    same = await client.patch(one, json=change, headers={**admin, "If-Match": '"2"'})
    assert same.status_code == 200  # nothing changed: no new version, no event
    assert same.headers["etag"] == '"2"'

    events = [(t, d) for t, _, d in await published(db) if t.split(".")[3] == "member"]
    assert [t for t, _ in events] == [
        ev.MEMBER_ADMITTED,
        ev.MEMBER_QUOTA_CHANGED,
        ev.MEMBER_UPDATED,
    ]
    assert events[1][1]["previous_cathode_quota_tpy"] == "1000.000"
    assert events[2][1]["changed"] == ["sectors"]


async def test_a_client_holding_the_current_version_gets_a_304(
    client: httpx.AsyncClient, as_role: AsRole, member_id: str, one: str
) -> None:
    held = await client.get(one, headers={**as_role(), "If-None-Match": '"0", "1"'})
    assert held.status_code == 304
    assert held.headers["etag"] == '"1"'
    stale = await client.get(one, headers={**as_role(), "If-None-Match": '"0"'})
    assert stale.status_code == 200
    assert stale.json()["id"] == member_id


async def test_a_member_edits_its_contact_but_not_its_quota(
    client: httpx.AsyncClient, as_role: AsRole, member_id: str, one: str
) -> None:
    me = {**as_role("member", member_id), "If-Match": '"1"'}
    contact = {"name": "New Person", "email": "new@kabel.uz", "phone": "+998 71 111 22 33"}
    assert (await client.patch(one, json={"cathode_quota_tpy": "9"}, headers=me)).status_code == 403
    other = {**as_role("member", "another"), "If-Match": '"1"'}
    assert (await client.patch(one, json={"contact": contact}, headers=other)).status_code == 403
    assert (
        await client.patch(one, json={"contact": contact}, headers={**as_role(), "If-Match": '"1"'})
    ).status_code == 403
    mine = await client.patch(one, json={"contact": contact}, headers=me)
    assert mine.status_code == 200, mine.text
    assert mine.json()["contact"]["email"] == "new@kabel.uz"
    nulls = await client.patch(
        one, json={"legal_name": None}, headers={**as_role("admin"), "If-Match": '"2"'}
    )
    assert nulls.status_code == 422


async def test_suspend_reinstate_expel_and_their_409s(
    client: httpx.AsyncClient, as_role: AsRole, db: Database, member_id: str, one: str
) -> None:
    admin = as_role("admin")

    async def act(
        action: str, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        return await client.post(f"{one}/{action}", json=body, headers=headers or admin)

    assert (await act("suspend", {"reason": "x"}, as_role("member", member_id))).status_code == 403
    assert (await act("reinstate")).json()["current_status"] == "active"
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    assert (await act("suspend", {"reason": "x", "until": past})).status_code == 422
    until = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    suspended = await act("suspend", {"reason": "Overdue reports", "until": until})
    assert suspended.json()["status"] == "suspended"
    assert (await act("suspend", {"reason": "again"})).status_code == 409
    assert (await act("reinstate")).json()["status"] == "active"
    assert (await act("expel", {})).status_code == 422
    assert (await act("expel", {"reason": "Left the cluster"})).json()["status"] == "expelled"
    for action, body in (
        ("reinstate", None),
        ("suspend", {"reason": "x"}),
        ("expel", {"reason": "x"}),
    ):
        refused = await act(action, body)
        assert refused.status_code == 409
        assert refused.json()["current_status"] == "expelled"
    etag = (await client.get(one, headers=admin)).headers["etag"]
    back = {"legal_name": "Back LLC"}
    frozen = await client.patch(one, json=back, headers={**admin, "If-Match": etag})
    assert frozen.status_code == 409
    assert frozen.json()["type"].endswith("/member-expelled")
    assert frozen.json()["current_status"] == "expelled"
    types = [t for t, s, _ in await published(db) if s == member_id]
    assert types == [
        ev.MEMBER_ADMITTED,
        ev.MEMBER_SUSPENDED,
        ev.MEMBER_REINSTATED,
        ev.MEMBER_EXPELLED,
    ]


async def test_a_suspension_ends_by_itself_when_its_date_passes(
    client: httpx.AsyncClient, as_role: AsRole, db: Database, one: str
) -> None:
    until = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    await client.post(
        f"{one}/suspend",
        json={"reason": "x", "until": until},
        headers=as_role("admin"),
    )
    await run(  # a day passes
        db,
        update(members).values(
            suspended_at=datetime.now(UTC) - timedelta(days=2),
            suspended_until=datetime.now(UTC) - timedelta(seconds=1),
        ),
    )
    member = (await client.get(one, headers=as_role())).json()
    assert member["status"] == "active"
