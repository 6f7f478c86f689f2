"""Notices from events, and their sending.

The consumer (group ``gateway.notices``, inbox before effects) queues a row per notice in
the event's transaction; a redelivered event queues nothing twice. The sender claims one
notice at a time in a transaction of its own, looks its address up, sends it, and marks it
sent: an SMTP outage delays notices (retried with backoff) and loses none.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlencode

from clusterkit.app import ServiceRuntime
from clusterkit.auth import Caller, InternalTokens
from clusterkit.consumer import EventConsumer
from clusterkit.database import Database
from clusterkit.errors import Forbidden, InvalidFields
from clusterkit.events import CloudEvent
from clusterkit.i18n import N_
from clusterkit.sql import Row
from clusterkit.unit_of_work import Transactions, UnitOfWork
from gateway.feed.service import every_event_consumer
from gateway.notices import mail, queries, rules
from gateway.notices.directory import Address, Directory, Unreachable
from gateway.settings import GatewaySettings

log = logging.getLogger("gateway.notices")
GROUP_ID = "gateway.notices"
NOTIFIER = Caller(role="admin", key_id="notifier")


async def queue_notices(uow: UnitOfWork, envelope: CloudEvent, *, admins: tuple[str, ...]) -> None:
    """The notices an event makes, queued in the event's transaction (once: unique rows)."""
    for notice in rules.notices_for(envelope.type, envelope.data, admins):
        await uow.execute(
            queries.QUEUE,
            event_id=envelope.id,
            kind=notice.kind,
            recipient=notice.recipient,
            context=dict(notice.context),
        )


def notice_consumer(runtime: ServiceRuntime) -> EventConsumer:
    settings = runtime.settings
    assert isinstance(settings, GatewaySettings)
    admins = tuple(settings.notice_admin_emails)
    return every_event_consumer(runtime, GROUP_ID, partial(queue_notices, admins=admins))


def opt_out_signature(secret: str, email: str, kind: str) -> str:
    key = hashlib.sha256(f"notices-opt-out:{secret}".encode()).digest()
    return hmac.new(key, f"{email.lower()}\n{kind}".encode(), hashlib.sha256).hexdigest()


def ensure_signed(secret: str, email: str, kind: str, signature: str) -> None:
    if kind not in rules.KINDS:
        raise InvalidFields(("kind", N_("No notice of this kind.")), where="query")
    if not hmac.compare_digest(opt_out_signature(secret, email, kind), signature):
        raise Forbidden(N_("This opt-out link is not valid."), code="invalid-signature")


async def opt_out(uow: UnitOfWork, *, email: str, kind: str) -> None:
    await uow.execute(queries.OPT_OUT, email=email.lower(), kind=kind)


async def send_again(uow: UnitOfWork, *, notice_id: int) -> bool:
    """A dead letter queued again (an admin's decision); False if there is none such."""
    return await uow.value(queries.AGAIN, id=notice_id) is not None


class Sender:
    """Sends due notices one at a time until none is due, then waits a poll."""

    def __init__(self, settings: GatewaySettings, database: Database):
        self.settings = settings
        self.write = Transactions(database, None, NOTIFIER)
        secret = settings.internal_token_secret.get_secret_value()
        self.secret = secret
        self.directory = Directory(settings.upstream_instances(), InternalTokens(secret))

    async def run(self) -> None:
        try:
            while True:
                try:
                    await self.write(
                        dead_letter_in_doubt, after=self.settings.notice_in_doubt_seconds
                    )
                    while self.settings.smtp_host and await self.send_one():
                        pass
                except Exception:
                    log.exception("notice sender turn failed")
                await asyncio.sleep(self.settings.notice_poll_seconds)
        finally:
            await self.directory.close()

    async def send_one(self) -> bool:
        """Send the oldest due notice; False when none is due."""
        notice = await self.write(_claim)
        if notice is None:
            return False
        try:
            outcome = await self._deliver(notice)
        except (Unreachable, *mail.SEND_FAILURES) as exc:
            await self.write(self._failed, notice, f"{type(exc).__name__}: {exc}"[:500])
            return True
        await self.write(_settle, notice["id"], outcome)
        return True

    async def _deliver(self, notice: Row) -> tuple[str, str]:
        """Send it to its address(es); ("sent", email) or ("skipped", why)."""
        admins = self.settings.notice_admin_language or self.settings.page_language
        addresses = await self.directory.addresses(notice["recipient"], email_language=admins)
        if notice["recipient"].startswith("suppliers-of:"):
            await self.write(_fan_out, notice, addresses)
            return "skipped", f"sent to each of {len(addresses)} suppliers as its own notice"
        if not addresses:
            return "skipped", "the recipient has no email address"
        (_, email, language) = addresses[0]
        if await self.write(_opted_out, email, notice["kind"]):
            return "skipped", "the recipient opted out of this kind"
        message = mail.compose(
            notice["kind"],
            to=email,
            sender=self.settings.mail_from,
            # the recipient's own, else the platform's default for what people read
            language=language or self.settings.api_language,
            params=self._params(notice),
            opt_out_url=self._opt_out_url(email, notice["kind"]),
            notice_id=notice["id"],
            domain="coppercluster.uz",
        )
        assert self.settings.smtp_host is not None
        await mail.send(
            message,
            host=self.settings.smtp_host,
            port=self.settings.smtp_port,
            seconds=self.settings.smtp_timeout_seconds,
        )
        return "sent", email

    def _params(self, notice: Row) -> dict[str, Any]:
        params = dict(notice["context"])
        if "application_id" in params:
            query = urlencode({"id": params["application_id"]})
            params["status_url"] = f"{self.settings.public_url}/application-status?{query}"
        if isinstance(params.get("categories"), list):
            params["categories"] = ", ".join(params["categories"])
        if isinstance(params.get("total"), dict):
            total = params["total"]
            params["total"] = f"{total.get('amount')} {total.get('currency', '')}".strip()
        return params

    def _opt_out_url(self, email: str, kind: str) -> str:
        signature = opt_out_signature(self.secret, email, kind)
        query = urlencode({"email": email, "kind": kind, "signature": signature})
        return f"{self.settings.public_url}/api/v1/notices/opt-out?{query}"

    async def _failed(self, uow: UnitOfWork, notice: Row, error: str) -> None:
        age = datetime.now(UTC) - notice["created_at"]
        if age > timedelta(hours=self.settings.notice_give_up_hours):
            await uow.execute(queries.DEAD, id=notice["id"], error=error)
            return
        delay = rules.retry_in(
            notice["attempts"],
            base=self.settings.notice_retry_base_seconds,
            cap=self.settings.notice_retry_cap_seconds,
        )
        await uow.execute(
            queries.RETRY, id=notice["id"], error=error, seconds=int(delay.total_seconds())
        )


async def dead_letter_in_doubt(uow: UnitOfWork, *, after: float) -> None:
    """Notices claimed ``after`` seconds ago and never settled (their notifier stopped while
    sending them): dead letters."""
    await uow.execute(queries.IN_DOUBT, seconds=int(after))


async def _claim(uow: UnitOfWork) -> Row | None:
    return await uow.one(queries.CLAIM)


async def _settle(uow: UnitOfWork, notice_id: int, outcome: tuple[str, str]) -> None:
    status, detail = outcome
    if status == "sent":
        await uow.execute(queries.SENT, id=notice_id, email=detail)
    else:
        await uow.execute(queries.SKIPPED, id=notice_id, why=detail)


async def _fan_out(uow: UnitOfWork, notice: Row, addresses: list[Address]) -> None:
    """One notice per supplier found, each sent (and retried) on its own."""
    for recipient, _, _ in addresses:
        await uow.execute(
            queries.FAN_OUT,
            event_id=notice["event_id"],
            kind=notice["kind"],
            recipient=recipient,
            context=dict(notice["context"]),
        )


async def _opted_out(uow: UnitOfWork, email: str, kind: str) -> bool:
    return await uow.one(queries.OPTED_OUT, email=email.lower(), kind=kind) is not None


async def notice_sender(runtime: ServiceRuntime) -> None:
    assert isinstance(runtime.settings, GatewaySettings)
    await Sender(runtime.settings, runtime.database).run()
