"""Email notices end to end: an event published by a service reaches the gateway's
notifier over Kafka, which looks the recipient's address up in the service that keeps it
and sends the notice to the platform's real mail server (Mailpit), read back through its
API: the applicant's receipt, information request and decision, the admins' new
application, a member's suspension and reinstatement, a returned report."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx

from clusterkit.infra.mailpit import MailServer
from clusterkit.testing import eventually
from devstack import Stack

from .test_membership import issue_key
from .test_supply import SOON, offer
from .test_thin_slice import APPLICATIONS, MEMBERS_URL, application, bearer, projected

SUPPLY = "/api/v1/supply"

ADMINS = "reviewers@cluster.uz"  # GATEWAY_NOTICE_ADMIN_EMAILS in tests/e2e/conftest.py


def to(mail: MailServer, address: str) -> list[dict[str, Any]]:
    return [m for m in mail.messages() if any(t["Address"] == address for t in m["To"])]


async def arrives(mail: MailServer, address: str, subject_part: str) -> dict[str, Any]:
    """The first message to ``address`` whose subject has ``subject_part``, once it came."""

    def matching() -> list[dict[str, Any]]:
        return [m for m in to(mail, address) if subject_part in m["Subject"]]

    async def came() -> bool:
        return bool(await asyncio.to_thread(matching))

    await eventually(came, within=60)
    return matching()[0]


async def test_an_applicant_and_the_admins_are_told_at_each_step(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    mail = stack.mail
    body = application("Notice Cable LLC")
    body["contact"]["email"] = "applicant@notice-cable.uz"
    submitted = await gateway.post(APPLICATIONS, json=body)
    assert submitted.status_code == 201, submitted.text
    one = f"{APPLICATIONS}/{submitted.json()['id']}"
    admin = bearer(admin_key)

    receipt = await arrives(mail, "applicant@notice-cable.uz", "We received the application")
    assert f"application-status?id={submitted.json()['id']}" in receipt["Text"]
    assert "Notice Cable LLC" in receipt["HTML"]
    await arrives(mail, ADMINS, "Yangi ariza: Notice Cable LLC")  # the pages' language

    assert (await gateway.post(f"{one}/start-review", headers=admin)).status_code == 200
    asked = await gateway.post(
        f"{one}/request-info", json={"reason": "Send the cathode offtake plan."}, headers=admin
    )
    assert asked.status_code == 200, asked.text
    info = await arrives(mail, "applicant@notice-cable.uz", "More information is needed")
    assert "Send the cathode offtake plan." in info["Text"]

    token = {"X-Application-Token": submitted.json()["access_token"]}
    responded = await gateway.post(
        f"{one}/respond", json={"reason": "Plan attached."}, headers=token
    )
    assert responded.status_code == 200, responded.text
    approved = await gateway.post(f"{one}/approve", json={}, headers=admin)
    assert approved.status_code == 200, approved.text
    await arrives(mail, "applicant@notice-cable.uz", "Your application was approved")

    member = f"{MEMBERS_URL}/{approved.json()['member_id']}"
    suspended = await gateway.post(
        f"{member}/suspend", json={"reason": "Quota report overdue."}, headers=admin
    )
    assert suspended.status_code == 200, suspended.text
    notice = await arrives(mail, "applicant@notice-cable.uz", "Your membership is suspended")
    assert "Quota report overdue." in notice["Text"]
    assert (await gateway.post(f"{member}/reinstate", headers=admin)).status_code == 200
    await arrives(mail, "applicant@notice-cable.uz", "Your membership is reinstated")

    # Each notice once: a redelivery or a second instance sends nothing twice.
    subjects = [m["Subject"] for m in to(mail, "applicant@notice-cable.uz")]
    assert len(subjects) == len(set(subjects)) == 5


async def test_suppliers_and_members_are_told_of_their_deals(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    """A request in a supplier's category, the offer on it, its acceptance and shipping:
    each party told at its step, at the address its own service keeps."""
    mail, admin = stack.mail, bearer(admin_key)
    body = application("Notice Pipes LLC")
    body["contact"]["email"] = "buyer@notice-pipes.uz"
    member_id = await admit_with(gateway, admin_key, body)
    await eventually(lambda: projected(gateway, admin_key, {member_id}), within=45)
    member_key = bearer(await asyncio.to_thread(issue_key, stack, "member", member_id))
    supplier = {
        "legal_name": "Notice Reagent LLC",
        "stir": f"{uuid.uuid4().int % 10**9:09d}",
        "region": "UZ-NW",
        "is_local": False,
        "categories": ["reagent"],
        "contact_email": "sales@notice-reagent.uz",
    }
    created = await gateway.post(f"{SUPPLY}/suppliers", json=supplier, headers=admin)
    assert created.status_code == 201, created.text
    supplier_id = created.json()["id"]
    assert (
        await gateway.post(f"{SUPPLY}/suppliers/{supplier_id}/verify", headers=admin)
    ).is_success
    supplier_key = bearer(await asyncio.to_thread(issue_key, stack, "supplier", supplier_id))

    line = {"hs_code": "2807", "description": "Sulfuric acid", "category": "reagent"}
    opened = await gateway.post(
        f"{SUPPLY}/requests",
        json={
            "lines": [{**line, "quantity": "30", "unit": "TNE"}],
            "needed_by": SOON,
            "delivery_region": "UZ-TO",
        },
        headers=member_key,
    )
    assert opened.status_code == 201, opened.text
    await arrives(mail, "sales@notice-reagent.uz", "A new request for quotation")

    quoted = await gateway.post(
        f"{SUPPLY}/requests/{opened.json()['id']}/offers",
        json=offer(opened.json(), "900000"),
        headers=supplier_key,
    )
    assert quoted.status_code == 201, quoted.text
    await arrives(mail, "buyer@notice-pipes.uz", "A new offer on your request")

    accepted = await gateway.post(
        f"{SUPPLY}/offers/{quoted.json()['id']}/accept", headers=member_key
    )
    assert accepted.status_code == 201, accepted.text
    await arrives(mail, "sales@notice-reagent.uz", "Your offer was accepted")
    order = f"{SUPPLY}/orders/{accepted.json()['id']}"
    for action in ("confirm", "ship"):
        moved = await gateway.post(f"{order}/{action}", headers=supplier_key)
        assert moved.status_code == 200, (action, moved.text)
    await arrives(mail, "buyer@notice-pipes.uz", "Your order was shipped")


async def admit_with(gateway: httpx.AsyncClient, admin_key: str, body: dict[str, Any]) -> str:
    submitted = await gateway.post(APPLICATIONS, json=body)
    assert submitted.status_code == 201, submitted.text
    one = f"{APPLICATIONS}/{submitted.json()['id']}"
    admin = bearer(admin_key)
    assert (await gateway.post(f"{one}/start-review", headers=admin)).status_code == 200
    approved = await gateway.post(f"{one}/approve", headers=admin)
    assert approved.status_code == 200, approved.text
    member_id: str = approved.json()["member_id"]
    return member_id
