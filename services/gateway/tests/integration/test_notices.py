"""Email notices against a real mail server (Mailpit, built from the Go module proxy):
queued once per event, sent with text and HTML parts, retried while SMTP is down and sent
once it is back, in-doubt sends dead-lettered (never sent twice), and the signed opt-out.
Notices whose address a service keeps are covered end to end in tests/e2e/test_notices.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text, update

from clusterkit.auth import ANONYMOUS
from clusterkit.database import Database
from clusterkit.infra.mailpit import MailServer
from clusterkit.infra.process import free_port
from clusterkit.sql import SQL, Query
from clusterkit.unit_of_work import Transactions
from gateway.notices import rules
from gateway.notices.service import (
    Sender,
    dead_letter_in_doubt,
    opt_out_signature,
    queue_notices,
)
from gateway.settings import GatewaySettings
from gateway.tables import notices

from ..conftest import bearer, event, issued

ADMIN_MAIL = "reviewers@cluster.uz"
SECRET = "gateway-tests-secret-gateway-tests-secret"  # the app's (clusterkit.testing)
NOTICES = Query(
    select(notices.c.kind, notices.c.recipient, notices.c.status, notices.c.attempts).order_by(
        notices.c.id
    )
)
# The test's transaction has one clock: the applicants' notices (their addresses are
# membership's, not running here) are put aside where a test looks at the admins' alone.
ADMINS_ONLY = Query(
    update(notices).where(notices.c.kind != "new_application").values(status="skipped")
)
CLAIMED_LONG_AGO = Query(
    update(notices).values(status="sending", claimed_at=func.now() - text("interval '10 minutes'"))
)


@pytest.fixture(scope="module")
def mail_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailServer]:
    server = MailServer(tmp_path_factory.mktemp("mailpit"), free_port(), free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def mail(mail_server: MailServer) -> MailServer:
    if not mail_server.running():
        mail_server.start()
    mail_server.clear()
    return mail_server


def arrived(server: MailServer) -> list[dict[str, Any]]:
    return server.messages()


def sender_for(mail: MailServer, db: Database, **overrides: Any) -> Sender:
    settings = GatewaySettings(
        **{
            "environment": "test",
            "internal_token_secret": SECRET,
            "smtp_host": "127.0.0.1",
            "smtp_port": mail.smtp_port,
            "notice_retry_base_seconds": 0,
            "notice_retry_cap_seconds": 0,
            # Nothing answers there: the addresses membership keeps are not found (retried).
            "membership_url": f"http://127.0.0.1:{free_port()}",
            **overrides,
        }
    )
    return Sender(settings, db)


async def queued(db: Database, *envelopes: Any) -> None:
    for envelope in envelopes:
        await Transactions(db, None, ANONYMOUS)(queue_notices, envelope, admins=(ADMIN_MAIL,))


async def stored(db: Database) -> list[Any]:
    async with db.connection() as connection:
        return [dict(row) for row in await SQL(connection).fetch(NOTICES)]


def submitted() -> Any:
    return event(
        "membership.application.submitted.v1",
        "a1",
        application_id="0b4f8f0e-4a36-4c55-9d0e-000000000001",
        legal_name="Olmaliq Kabel Zavodi LLC",
        stir="305112233",
    )


def test_each_event_makes_the_notices_its_rule_names() -> None:
    made = rules.notices_for(submitted().type, submitted().data, (ADMIN_MAIL,))
    assert [(n.kind, n.recipient) for n in made] == [
        ("application_received", "applicant:0b4f8f0e-4a36-4c55-9d0e-000000000001"),
        ("new_application", f"email:{ADMIN_MAIL}"),
    ]
    assert rules.notices_for("uz.coppercluster.supply.item.listed.v1", {}, ()) == []
    assert rules.retry_in(1, base=5, cap=60).total_seconds() == 5
    assert rules.retry_in(3, base=5, cap=60).total_seconds() == 20
    assert rules.retry_in(9, base=5, cap=60).total_seconds() == 60


async def test_a_notice_is_queued_once_and_sent_with_text_and_html(
    db: Database, mail: MailServer
) -> None:
    envelope = submitted()
    await queued(db, envelope, envelope)  # a redelivery queues nothing more
    assert [row["kind"] for row in await stored(db)] == ["application_received", "new_application"]

    # The applicant's address is membership's (not running here): that one waits and retries.
    sender = sender_for(mail, db, notice_retry_base_seconds=60, notice_retry_cap_seconds=60)
    assert await sender.send_one()
    assert await sender.send_one()
    by_kind = {row["kind"]: row for row in await stored(db)}
    assert by_kind["new_application"]["status"] == "sent"
    assert by_kind["application_received"]["status"] == "pending"

    [message] = arrived(mail)
    assert message["To"][0]["Address"] == ADMIN_MAIL
    # the admins' language is a setting; by default the pages' (Uzbek)
    assert message["Subject"] == "Yangi ariza: Olmaliq Kabel Zavodi LLC"
    assert "305112233" in message["Text"]
    assert "<p>" in message["HTML"]
    assert "Olmaliq Kabel Zavodi LLC" in message["HTML"]
    unsubscribe = message["Headers"]["List-Unsubscribe"][0]
    assert "/api/v1/notices/opt-out?" in unsubscribe
    assert message["Headers"]["List-Unsubscribe-Post"] == ["List-Unsubscribe=One-Click"]


async def test_the_admins_notices_are_in_the_language_set_for_them(
    db: Database, mail: MailServer
) -> None:
    await queued(db, submitted())
    async with db.connection() as connection:
        await SQL(connection).execute(ADMINS_ONLY)
    sender = sender_for(mail, db, notice_admin_language="ru")
    assert await sender.send_one()
    [message] = arrived(mail)
    assert message["Subject"] == "Новая заявка: Olmaliq Kabel Zavodi LLC"
    assert "Олмалик" not in message["Text"]  # names are the applicant's own, as written


async def test_smtp_down_delays_a_notice_and_loses_none(db: Database, mail: MailServer) -> None:
    await queued(db, event("membership.application.submitted.v1", "a2", application_id="x"))
    async with db.connection() as connection:
        await SQL(connection).execute(ADMINS_ONLY)
    mail.stop()
    sender = sender_for(mail, db)
    for _ in range(3):
        await sender.send_one()
    admin = next(row for row in await stored(db) if row["kind"] == "new_application")
    assert admin["status"] == "pending"
    assert admin["attempts"] >= 1
    assert arrived_or_none(mail) is None

    mail.start()
    for _ in range(5):  # bounded
        await sender.send_one()
        if any(r["status"] == "sent" for r in await stored(db) if r["kind"] == "new_application"):
            break
    assert [m["To"][0]["Address"] for m in arrived(mail)] == [ADMIN_MAIL]


def arrived_or_none(server: MailServer) -> list[Any] | None:
    return None if not server.running() else arrived(server)


async def test_a_send_left_in_doubt_is_a_dead_letter_never_sent_twice(
    db: Database, mail: MailServer, client: httpx.AsyncClient
) -> None:
    await queued(db, event("membership.application.submitted.v1", "a3", application_id="y"))
    async with db.connection() as connection:
        await SQL(connection).execute(CLAIMED_LONG_AGO)
    sender = sender_for(mail, db)
    await sender.write(dead_letter_in_doubt, after=120)
    assert {row["status"] for row in await stored(db)} == {"dead"}
    assert not await sender.send_one()
    assert arrived(mail) == []

    admin = bearer((await issued(db, "admin"))["key"])
    letters = await client.get("/api/v1/notices/dead-letters", headers=admin)
    assert letters.status_code == 200, letters.text
    [first, *_] = letters.json()["items"]
    assert "in doubt" in first["last_error"]
    member = bearer((await issued(db, "member", "5b1f3c00-0000-4000-8000-000000000001"))["key"])
    assert (await client.get("/api/v1/notices/dead-letters", headers=member)).status_code == 403
    again = await client.post(f"/api/v1/notices/{first['id']}/send-again", headers=admin)
    assert again.status_code == 202
    assert (
        await client.post("/api/v1/notices/999999/send-again", headers=admin)
    ).status_code == 404


async def test_the_signed_link_opts_a_recipient_out_of_one_kind(
    db: Database, mail: MailServer, client: httpx.AsyncClient
) -> None:
    signature = opt_out_signature(SECRET, ADMIN_MAIL, "new_application")
    params = {"email": ADMIN_MAIL, "kind": "new_application", "signature": signature}
    page = await client.get("/api/v1/notices/opt-out", params=params)
    assert page.status_code == 200
    assert "<form method=post>" in page.text
    forged = {**params, "signature": "0" * 64}
    assert (await client.post("/api/v1/notices/opt-out", params=forged)).status_code == 403
    unknown = {**params, "kind": "lottery_win"}
    assert (await client.post("/api/v1/notices/opt-out", params=unknown)).status_code == 422
    done = await client.post("/api/v1/notices/opt-out", params=params)
    assert done.status_code == 200, done.text

    await queued(db, event("membership.application.submitted.v1", "a4", application_id="z"))
    async with db.connection() as connection:
        await SQL(connection).execute(ADMINS_ONLY)
    assert await sender_for(mail, db).send_one()
    admin = next(row for row in await stored(db) if row["kind"] == "new_application")
    assert admin["status"] == "skipped"
    assert arrived(mail) == []
