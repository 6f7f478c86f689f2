"""Applications through the HTTP API into the database and the outbox: submission,
duplicates, idempotency, the whole review state machine, roles and the audit trail."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, insert, select, update

from clusterkit.database import Database
from clusterkit.testing import AsRole
from membership import events as ev
from membership.tables import applications, members

from ..conftest import LEGAL, MEMBERS, URL, Applicant, published, run, statements, submission

STATES = ("submitted", "under_review", "info_requested", "approved", "rejected", "withdrawn")
ACTIONS = ("start-review", "request-info", "respond", "approve", "reject", "withdraw")
BODIES: dict[str, dict[str, Any] | None] = {
    "start-review": None,
    "request-info": {"reason": "Send the plant layout."},
    "respond": {"reason": "Attached."},
    "approve": None,
    "reject": {"reason": "Out of scope."},
    "withdraw": {"reason": "Changed plans."},
}


async def test_an_anonymous_company_applies_and_gets_its_access_token(
    applicant: Applicant, client: httpx.AsyncClient, db: Database
) -> None:
    response = await applicant.submit()
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["status"] == "submitted"
    assert created["requested_cathode_tpy"] == "14000.500"
    assert created["sectors"] == ["cable_wire", "fittings"]
    assert len(created["access_token"]) >= 40
    assert response.headers["location"] == f"{URL}/{created['id']}"
    assert response.headers["etag"] == '"1"'

    assert [(t, s) for t, s, _ in await published(db)] == [
        (ev.APPLICATION_SUBMITTED, created["id"])
    ]
    own = await client.get(f"{URL}/{created['id']}", headers=applicant.own())
    assert own.status_code == 200
    assert "access_token" not in own.json()
    [stored] = await run(db, select(applications.c.access_token_hash))
    assert created["access_token"].encode() not in stored["access_token_hash"]  # stored hashed


async def test_bad_fields_are_each_named_in_a_422_problem(
    client: httpx.AsyncClient, db: Database, as_role: AsRole
) -> None:
    bad = submission(
        stir="12345678",
        region="UZ-ZZ",
        sectors=["gold"],
        requested_cathode_tpy="-1",
        proposal="x" * 20_001,
        contact={"name": "x", "email": "nope", "phone": "1"},
    )
    response = await client.post(URL, json=bad, headers=as_role())
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {
        "stir",
        "region",
        "sectors.0",
        "requested_cathode_tpy",
        "proposal",
        "contact.email",
        "contact.phone",
    }
    empty = await client.post(URL, json=submission(sectors=[], is_admin=True), headers=as_role())
    assert {e["field"] for e in empty.json()["errors"]} == {"sectors", "is_admin"}
    assert await published(db) == []


async def test_a_second_application_for_an_open_stir_or_a_member_is_409_with_a_pointer(
    applicant: Applicant, client: httpx.AsyncClient, as_role: AsRole
) -> None:
    await applicant.submit()
    again = await client.post(URL, json=submission(legal_name="Other LLC"), headers=as_role())
    assert again.status_code == 409
    assert again.json()["existing"] == f"{URL}/{applicant.id}"

    assert (await applicant.act("start-review")).status_code == 200
    approved = await applicant.act("approve")
    member_id = approved.json()["member_id"]
    after = await client.post(URL, json=submission(), headers=as_role())
    assert after.status_code == 409
    assert after.json()["existing"] == f"/api/v1/membership/members/{member_id}"


async def test_a_withdrawn_application_frees_the_stir(
    client: httpx.AsyncClient, as_role: AsRole, applicant: Applicant
) -> None:
    await applicant.reach("withdrawn")
    assert (await client.post(URL, json=submission(), headers=as_role())).status_code == 201


async def test_submit_with_an_idempotency_key_creates_once(
    client: httpx.AsyncClient, db: Database, as_role: AsRole
) -> None:
    headers = {**as_role(), "Idempotency-Key": "submit-42"}
    first = await client.post(URL, json=submission(), headers=headers)
    retry = await client.post(URL, json=submission(), headers=headers)
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.headers["location"] == first.headers["location"]
    assert "idempotent-replayed" not in first.headers
    [count] = await run(db, select(func.count().label("n")).select_from(applications))
    assert count["n"] == 1
    assert len(await published(db)) == 1

    reused = await client.post(URL, json=submission(stir="999999999"), headers=headers)
    assert reused.status_code == 422
    assert reused.json()["type"].endswith("idempotency-key-reused")


def _sent(statements: list[str]) -> list[str]:
    """What each statement of a unit of work does (transaction control left out)."""
    control = ("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")
    return [" ".join(s.split()[:3]) for s in statements if not s.startswith(control)]


async def test_a_submission_is_one_statement_and_its_event(
    client: httpx.AsyncClient, db: Database, as_role: AsRole
) -> None:
    # The bench's create path: the application with its audit line, then the outbox row.
    async with statements(db) as sent:
        response = await client.post(URL, json=submission(), headers=as_role())
    assert response.status_code == 201, response.text
    assert _sent(sent) == ["WITH changed AS", "INSERT INTO membership.outbox"]
    history = await client.get(f"{URL}/{response.json()['id']}/history", headers=as_role("admin"))
    assert history.json()[0]["at"] == response.json()["submitted_at"]  # one clock

    headers = {**as_role(), "Idempotency-Key": "one-statement"}
    async with statements(db) as sent:
        keyed = await client.post(URL, json=submission(stir="300000002"), headers=headers)
    assert keyed.status_code == 201, keyed.text
    assert _sent(sent) == [
        "INSERT INTO membership.idempotency_keys",  # the claim
        "WITH changed AS",
        "UPDATE membership.idempotency_keys SET",  # the answer, for a retry
        "INSERT INTO membership.outbox",
    ]


async def test_an_approval_does_not_admit_a_stir_that_is_a_member_already(
    applicant: Applicant, client: httpx.AsyncClient, db: Database
) -> None:
    await applicant.reach("under_review")
    other = Applicant(client, applicant.as_role)
    await other.submit(stir="300000003")
    # A member with the applicant's STIR, admitted meanwhile (through another application).
    member_id = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"
    await run(
        db,
        insert(members).values(
            id=member_id,
            application_id=other.id,
            legal_name="Already In LLC",
            stir="305112233",
            region="UZ-TO",
            sectors=["pipes"],
            planned_products=[],
            contact={},
            cathode_quota_tpy=1,
            admitted_at=func.now(),
            updated_at=func.now(),
        ),
    )
    before = len(await published(db))
    refused = await applicant.act("approve")
    assert refused.status_code == 409, refused.text
    assert refused.json()["type"].endswith("/duplicate-stir")
    assert refused.json()["existing"] == f"{MEMBERS}/{member_id}"
    assert len(await published(db)) == before
    still = await client.get(f"{URL}/{applicant.id}", headers=applicant.own())
    assert still.json()["status"] == "under_review"


async def test_a_client_holding_the_current_version_gets_a_304(
    applicant: Applicant, client: httpx.AsyncClient
) -> None:
    await applicant.submit()
    one = f"{URL}/{applicant.id}"
    held = await client.get(one, headers={**applicant.own(), "If-None-Match": '"1"'})
    assert held.status_code == 304
    assert held.headers["etag"] == '"1"'
    assert held.content == b""
    await applicant.act("start-review")
    changed = await client.get(one, headers={**applicant.own(), "If-None-Match": '"1"'})
    assert changed.status_code == 200
    assert changed.headers["etag"] == '"2"'
    # the token is checked first: a 304 tells nothing to whoever may not read it
    stranger = await client.get(one, headers={**applicant.as_role(), "If-None-Match": '"2"'})
    assert stranger.status_code == 401


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", ACTIONS)
async def test_every_transition_is_legal_or_a_409_naming_the_state(
    applicant: Applicant, db: Database, state: str, action: str
) -> None:
    await applicant.reach(state)
    before = len(await published(db))
    response = await applicant.act(action, BODIES[action])
    if (action, state) in LEGAL:
        assert response.status_code == 200, response.text
        assert response.json()["status"] == LEGAL[(action, state)]
        new = await published(db)
        # one event per transition (approval also admits a member: its own event)
        expected = 2 if action == "approve" else 1
        assert len(new) - before == expected
        assert new[before][2]["application_id"] == applicant.id
    else:
        assert response.status_code == 409, response.text
        problem = response.json()
        assert problem["current_status"] == state
        assert state in problem["detail"]
        assert len(await published(db)) == before


async def test_the_whole_review_is_in_the_history_and_the_outbox(
    applicant: Applicant, client: httpx.AsyncClient, db: Database
) -> None:
    await applicant.submit()
    for action, body in (
        ("start-review", None),
        ("request-info", {"reason": "Layout?"}),
        ("respond", {"reason": "Here it is."}),
        ("approve", {"cathode_quota_tpy": "9000", "reason": "Fits the plan."}),
    ):
        assert (await applicant.act(action, body)).status_code == 200
    history = (await client.get(f"{URL}/{applicant.id}/history", headers=applicant.own())).json()
    assert [(h["action"], h["from_status"], h["to_status"], h["actor"]) for h in history] == [
        ("submit", None, "submitted", "applicant"),
        ("start-review", "submitted", "under_review", "admin"),
        ("request-info", "under_review", "info_requested", "admin"),
        ("respond", "info_requested", "under_review", "applicant"),
        ("approve", "under_review", "approved", "admin"),
    ]
    assert history[2]["reason"] == "Layout?"
    types = [t for t, _, _ in await published(db)]
    assert types == [
        ev.APPLICATION_SUBMITTED,
        ev.APPLICATION_REVIEW_STARTED,
        ev.APPLICATION_INFO_REQUESTED,
        ev.APPLICATION_RESPONDED,
        ev.MEMBER_ADMITTED,
        ev.APPLICATION_APPROVED,
    ]
    admitted = (await published(db))[4][2]
    assert admitted["cathode_quota_tpy"] == "9000.000"


async def test_reasons_are_required_where_they_matter(applicant: Applicant) -> None:
    await applicant.reach("under_review")
    for action in ("request-info", "reject"):
        response = await applicant.act(action, {})
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "reason"


async def test_who_may_do_what(
    applicant: Applicant, client: httpx.AsyncClient, as_role: AsRole
) -> None:
    await applicant.reach("info_requested")
    other = Applicant(client, as_role)
    await other.submit(stir="300000001")
    one = f"{URL}/{applicant.id}"

    assert (await client.get(one, headers=as_role())).status_code == 401
    assert (await client.get(one, headers=other.own())).status_code == 403
    assert (await client.get(one, headers=as_role("member", "m1"))).status_code == 401
    assert (await client.get(one, headers=applicant.own())).status_code == 200
    assert (await client.get(one, headers=as_role("admin"))).status_code == 200
    assert (await client.get(f"{one}/history", headers=other.own())).status_code == 403

    # reviewing is the admin's; the applicant's token does not make it an admin
    for headers in (applicant.own(), as_role("member", "m1"), as_role("procurement")):
        assert (await applicant.act("approve", None, headers)).status_code == 403
    # responding and withdrawing are the applicant's
    assert (await applicant.act("respond", {"reason": "x"}, as_role("admin"))).status_code == 401
    assert (await applicant.act("withdraw", None, other.own())).status_code == 403
    assert (await applicant.act("respond", {"reason": "x"})).status_code == 200
    missing = await client.get(
        f"{URL}/00000000-0000-0000-0000-000000000000", headers=as_role("admin")
    )
    assert missing.status_code == 404
    assert (await client.get(f"{URL}/not-a-uuid", headers=as_role("admin"))).status_code == 422
    assert (await client.post(URL, json=submission())).status_code == 401  # not via gateway


async def test_admins_list_applications_with_filters_and_cursor(
    client: httpx.AsyncClient, db: Database, as_role: AsRole
) -> None:
    ids = []
    for i, (region, sector) in enumerate(
        [("UZ-TO", "pipes"), ("UZ-TK", "pipes"), ("UZ-TO", "training"), ("UZ-TO", "pipes")]
    ):
        response = await client.post(
            URL,
            json=submission(stir=f"40000000{i}", region=region, sectors=[sector]),
            headers=as_role(),
        )
        ids.append(response.json()["id"])
    # A test is one transaction, so one now(): each submission a minute after the last.
    for minutes, application_id in enumerate(reversed(ids)):
        await run(
            db,
            update(applications)
            .where(applications.c.id == application_id)
            .values(submitted_at=func.now() - timedelta(minutes=minutes)),
        )
    admin = as_role("admin")
    assert (await client.get(URL, headers=as_role())).status_code == 401

    seen, cursor = [], None
    while True:
        params = {
            "region": "UZ-TO",
            "sector": "pipes",
            "limit": "1",
            **({"cursor": cursor} if cursor else {}),
        }
        page = (await client.get(URL, params=params, headers=admin)).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [ids[3], ids[0]]  # newest first

    submitted = (await client.get(URL, params={"status": "submitted"}, headers=admin)).json()
    assert len(submitted["items"]) == 4
    none = await client.get(URL, params={"status": "approved"}, headers=admin)
    assert none.json() == {"items": [], "next_cursor": None}
    later = await client.get(URL, params={"submitted_from": "2999-01-01T00:00:00Z"}, headers=admin)
    assert later.json()["items"] == []
    assert (await client.get(URL, params={"status": "nope"}, headers=admin)).status_code == 422
