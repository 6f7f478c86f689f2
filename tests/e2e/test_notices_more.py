"""The notices in the recipient's language, and those the first module does not cover, end
to end and read back from the real Mailpit: an applicant who applied in Russian is written
to in Russian (its receipt and its rejection), the admins in the pages' language (Uzbek); a
supplier whose contact says Uzbek hears in Uzbek that its offer was declined and that its
certificate expires; a member is reminded of a report due and told of a report returned.

The platform is its own: the reminder job and the certificate job run every second, and
reports fall due today, which the other end-to-end tests must not see."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from clusterkit.testing import eventually
from devstack import Stack
from platform_stack import admin_key_of, gateway_client, running_platform

from .test_membership import issue_key
from .test_notices import admit_with, arrives, to
from .test_supply import SOON, offer
from .test_thin_slice import APPLICATIONS, application, bearer, projected

SUPPLY = "/api/v1/supply"
ADMINS = "reviewers@notices-more.uz"
# A reminder falls due today (Tashkent's calendar, as production reads it), whatever the
# date: up to the 28th, last month's report is due today; on the 29th-31st (a due day is
# 1-28), this month's report is due on the 1st of the next, and reminded 3 days before.
TODAY = datetime.now(ZoneInfo("Asia/Tashkent")).date()
DUE_DAY = TODAY.day if TODAY.day <= 28 else 1
REMINDED = (TODAY.replace(day=1) - timedelta(days=1)) if TODAY.day <= 28 else TODAY


@pytest.fixture(scope="module")
def noticed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    settings = {
        "GATEWAY_NOTICE_ADMIN_EMAILS": ADMINS,
        "GATEWAY_NOTICE_RETRY_BASE_SECONDS": "0.5",
        "GATEWAY_NOTICE_RETRY_CAP_SECONDS": "2",
        "PRODUCTION_REPORT_DUE_DAY": str(DUE_DAY),
        "PRODUCTION_REMINDER_DAYS_BEFORE": "3",
        "PRODUCTION_REMINDER_CHECK_SECONDS": "1",
        "SUPPLY_CERTIFICATE_CHECK_SECONDS": "1",
    }
    with running_platform(tmp_path_factory.mktemp("noticed"), settings) as stack:
        yield stack


@pytest.fixture(scope="module")
def admin(noticed: Stack) -> dict[str, str]:
    return bearer(admin_key_of(noticed))


@pytest.fixture
async def gateway(noticed: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with gateway_client(noticed) as client:
        yield client


async def test_an_applicant_who_applied_in_russian_is_written_to_in_russian(
    gateway: httpx.AsyncClient, admin: dict[str, str], noticed: Stack
) -> None:
    mail = noticed.mail
    body = application("Til Kabel LLC")
    body["contact"]["email"] = "applicant@til-kabel.uz"
    russian = {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}
    submitted = await gateway.post(APPLICATIONS, json=body, headers=russian)
    assert submitted.status_code == 201, submitted.text
    assert submitted.json()["contact"]["language"] == "ru"

    receipt = await arrives(mail, "applicant@til-kabel.uz", "Мы получили заявку Til Kabel LLC")
    assert "Здравствуйте," in receipt["Text"]
    assert f"application-status?id={submitted.json()['id']}" in receipt["Text"]
    # the admins' notices are in the pages' language unless a setting says otherwise
    await arrives(mail, ADMINS, "Yangi ariza: Til Kabel LLC")

    one = f"{APPLICATIONS}/{submitted.json()['id']}"
    assert (await gateway.post(f"{one}/start-review", headers=admin)).status_code == 200
    rejected = await gateway.post(
        f"{one}/reject", json={"reason": "No cathode offtake plan."}, headers=admin
    )
    assert rejected.status_code == 200, rejected.text
    decision = await arrives(mail, "applicant@til-kabel.uz", "Ваша заявка отклонена")
    assert (
        "Служба развития кластера отклонила заявку. Причина: No cathode offtake plan."
        in decision["Text"]
    )
    assert "Причина" in decision["HTML"]
    subjects = [m["Subject"] for m in to(mail, "applicant@til-kabel.uz")]
    assert sorted(subjects) == ["Ваша заявка отклонена", "Мы получили заявку Til Kabel LLC"]


async def supplier(
    gateway: httpx.AsyncClient, admin: dict[str, str], stack: Stack, name: str, email: str
) -> tuple[str, dict[str, str]]:
    body = {
        "legal_name": name,
        "stir": f"{uuid.uuid4().int % 10**9:09d}",
        "region": "UZ-NW",
        "is_local": True,
        "categories": ["reagent"],
        "contact_email": email,
    }
    created = await gateway.post(f"{SUPPLY}/suppliers", json=body, headers=admin)
    assert created.status_code == 201, created.text
    supplier_id: str = created.json()["id"]
    verified = await gateway.post(f"{SUPPLY}/suppliers/{supplier_id}/verify", headers=admin)
    assert verified.status_code == 200, verified.text
    return supplier_id, bearer(await asyncio.to_thread(issue_key, stack, "supplier", supplier_id))


async def test_a_supplier_hears_in_its_language_of_a_declined_offer_and_an_expiring_certificate(
    gateway: httpx.AsyncClient, admin: dict[str, str], noticed: Stack
) -> None:
    mail = noticed.mail
    admin_key = admin_key_of(noticed)
    buyer = application("Til Pipes LLC")
    buyer["contact"]["email"] = "buyer@til-pipes.uz"
    member_id = await admit_with(gateway, admin_key, buyer)
    await eventually(lambda: projected(gateway, admin_key, {member_id}), within=45)
    member_key = bearer(await asyncio.to_thread(issue_key, noticed, "member", member_id))
    uzbek_id, uzbek_key = await supplier(
        gateway, admin, noticed, "Til Ohak LLC", "sales@til-ohak.uz"
    )
    _, other_key = await supplier(
        gateway, admin, noticed, "Til Reagent LLC", "sales@til-reagent.uz"
    )
    said = await gateway.put(
        f"{SUPPLY}/suppliers/{uzbek_id}/contact",
        json={"email": "sales@til-ohak.uz", "language": "uz"},
        headers=uzbek_key,
    )
    assert said.status_code == 200, said.text

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
    offers = f"{SUPPLY}/requests/{opened.json()['id']}/offers"
    declined = await gateway.post(offers, json=offer(opened.json(), "990000"), headers=uzbek_key)
    assert declined.status_code == 201, declined.text
    taken = await gateway.post(offers, json=offer(opened.json(), "900000"), headers=other_key)
    assert taken.status_code == 201, taken.text
    accept = f"{SUPPLY}/offers/{taken.json()['id']}/accept"
    accepted = await gateway.post(accept, headers=member_key)
    assert accepted.status_code == 201, accepted.text

    told = await arrives(mail, "sales@til-ohak.uz", "Taklifingiz rad etildi")
    assert "Assalomu alaykum," in told["Text"]
    assert "Taklifingiz rad etildi. Sabab:" in told["Text"]
    await arrives(mail, "sales@til-reagent.uz", "Your offer was accepted")  # said no language
    assert not [m for m in to(mail, "sales@til-reagent.uz") if "declined" in m["Subject"]]

    # A certificate that expires within the notice period (30 days): the daily job (every
    # second here) announces it once, and its supplier is told in Uzbek.
    expires = date.today() + timedelta(days=10)
    fields = {
        "kind": "local_production_certificate",
        "number": f"UZ-LP-{uzbek_id[:8]}",
        "issuer": "Chamber of Commerce and Industry of Uzbekistan",
        "issued_on": (expires - timedelta(days=700)).isoformat(),
        "expires_on": expires.isoformat(),
        "local_content_percent": "40",
    }
    uploaded = await gateway.post(
        f"{SUPPLY}/suppliers/{uzbek_id}/documents",
        data=fields,
        files={"file": ("certificate.pdf", b"%PDF-1.7\n% certificate\n%%EOF\n", "application/pdf")},
        headers=admin,
    )
    assert uploaded.status_code == 201, uploaded.text
    expiring = await arrives(mail, "sales@til-ohak.uz", "sertifikatingiz muddati")
    assert fields["number"] in expiring["Text"]
    await asyncio.sleep(3)  # three more turns of the job: still announced once
    kinds = [m["Subject"] for m in to(mail, "sales@til-ohak.uz") if "sertifikat" in m["Subject"]]
    assert len(kinds) == 1


async def test_a_member_is_reminded_of_a_report_due_and_told_of_one_returned(
    gateway: httpx.AsyncClient, admin: dict[str, str], noticed: Stack
) -> None:
    mail = noticed.mail
    admin_key = admin_key_of(noticed)
    body: dict[str, Any] = application("Til Wire LLC")
    body["contact"]["email"] = "reports@til-wire.uz"
    member_id = await admit_with(gateway, admin_key, body)
    await eventually(lambda: projected(gateway, admin_key, {member_id}), within=45)

    period = REMINDED.strftime("%Y-%m")
    due = await arrives(mail, "reports@til-wire.uz", f"Your production report for {period}")
    assert f"The report for {period} has not been received yet." in due["Text"]

    key = bearer(await asyncio.to_thread(issue_key, noticed, "member", member_id))
    figure = {
        "organisation_id": member_id,
        "metric": "copper_processed",
        "period": period,
        "product_category": "cable_wire",
        "quantity": "1200",
        "unit": "TNE",
    }
    reported = await gateway.post("/api/v1/production/reports", json=figure, headers=key)
    assert reported.status_code == 201, reported.text
    returned = await gateway.post(
        f"/api/v1/production/reports/{reported.json()['id']}/return",
        json={"reason": "The tonnage is twice last year's."},
        headers=admin,
    )
    assert returned.status_code == 200, returned.text
    subject = f"Your report for {period} was returned"
    notice = await arrives(mail, "reports@til-wire.uz", subject)
    assert "The tonnage is twice last year's." in notice["Text"]
    assert "Please report it again with the corrected value." in notice["Text"]
