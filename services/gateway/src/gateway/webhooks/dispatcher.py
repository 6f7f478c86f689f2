"""The dispatcher: sends due deliveries, records each attempt, and disables a subscription
that has kept failing for the configured time (publishing ``webhook.disabled``).

One runs in every gateway instance; a round takes its deliveries and their subscriptions
with ``SKIP LOCKED`` (see ``queries``), so instances never send the same delivery and one
event key's deliveries go out in order. A round is one unit of work: the attempts are made
while it holds its rows, and what they got is written before it commits. Secrets are opened
from their sealed column for the round only (a legacy clear one is sealed by the round that
meets it), and are never logged.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Coroutine, Sequence
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from opentelemetry.trace import SpanKind, StatusCode

from clusterkit import tracing
from clusterkit.app import ServiceRuntime
from clusterkit.i18n import gettext
from clusterkit.sql import Row
from clusterkit.unit_of_work import Transactions, UnitOfWork
from gateway.events import contracts
from gateway.settings import GatewaySettings
from gateway.tables import outbox
from gateway.webhooks import queries, rules
from gateway.webhooks.destinations import refusal
from gateway.webhooks.events import WEBHOOK_DISABLED, WebhookDisabled
from gateway.webhooks.sealing import SecretBox, Unreadable, box_of, seal_clear_secrets

log = logging.getLogger("gateway.webhooks")

EXCERPT_CHARS = 500


class Dispatcher:
    def __init__(self, write: Transactions, settings: GatewaySettings, batch: int = 20):
        self.write = write
        self.settings = settings
        self.batch = batch
        self.box: SecretBox = box_of(settings)

    async def run(self) -> None:
        """Seal what an older release left in clear, then deliver until cancelled; a failing
        round is logged and the loop goes on."""
        try:
            sealed = await seal_clear_secrets(self.write, self.box)
            if sealed:
                log.info("sealed clear webhook secrets", extra={"count": sealed})
        except Exception:  # the rounds seal what they meet anyway
            log.exception("sealing clear webhook secrets failed")
        async with aiohttp.ClientSession() as http:
            while True:
                try:
                    sent = await self.deliver_due(http)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("webhook round failed")
                    sent = 0
                if not sent:
                    await asyncio.sleep(self.settings.webhook_poll_seconds)

    async def deliver_due(self, http: aiohttp.ClientSession) -> int:
        """One round; how many deliveries it attempted."""
        return await self.write(self._round, http)

    async def _round(self, uow: UnitOfWork, http: aiohttp.ClientSession) -> int:
        due = await uow.fetch(queries.DUE, limit=self.batch)
        if not due:
            return 0
        now = due[0]["now"]
        uow.knows_now(now)
        signing: dict[Any, list[str] | None] = {}
        clear: list[dict[str, Any]] = []
        for row in due:
            if row["webhook_id"] not in signing:
                signing[row["webhook_id"]] = self._secrets(row, now, clear)
        outcomes = await asyncio.gather(
            *(self.attempt(http, row, signing[row["webhook_id"]]) for row in due)
        )
        await uow.execute_many(queries.SEAL, clear)
        await self.record(uow, due, outcomes)
        return len(due)

    def _secrets(self, row: Row, now: datetime, clear: list[dict[str, Any]]) -> list[str] | None:
        """The secrets that sign this subscription's deliveries now (None: none can be
        opened); a clear legacy secret is queued in ``clear`` to be sealed."""
        try:
            if row["secret_sealed"] is None:
                current = row["secret"]
                clear.append({"webhook_id": row["webhook_id"], "sealed": self.box.seal(current)})
            else:
                current = self.box.open(row["secret_sealed"])
            previous = row["previous_secret_sealed"]
            return rules.signing_secrets(
                current,
                None if previous is None else self.box.open(previous),
                row["previous_secret_until"],
                now,
            )
        except Unreadable:
            log.error("webhook secret unreadable", extra={"webhook_id": str(row["webhook_id"])})
            return None

    async def attempt(
        self, http: aiohttp.ClientSession, row: Row, secrets: list[str] | None
    ) -> rules.Outcome:
        if secrets is None:
            return rules.Outcome(None, 0, "not called: its secret cannot be opened", None)
        blocked = await refusal(row["url"], self.settings)
        if blocked:
            why = gettext("en", blocked[0], **blocked[1])  # the delivery log is English
            return rules.Outcome(None, 0, f"not called: {why}", None)
        body = rules.structured(row)
        timestamp = int(time.time())
        message_id = str(row["event_id"])
        # A delivery continues its event's trace: a span of its own (the aiohttp
        # instrumentation's client span inside it), and ``traceparent`` sent to the receiver.
        with tracing.continued(
            "webhook delivery",
            row["traceparent"],
            kind=SpanKind.PRODUCER,
            attributes={"webhook.id": str(row["webhook_id"]), "cloudevents.event_id": message_id},
        ) as span:
            headers = {
                "content-type": "application/cloudevents+json",
                "user-agent": "CopperCluster-Webhooks/1",
                "webhook-id": message_id,
                "webhook-timestamp": str(timestamp),
                "webhook-signature": rules.signatures(secrets, message_id, timestamp, body),
            }
            tracing.inject(headers)
            outcome = await self._post(http, row["url"], body, headers)
            if outcome.status_code is not None:
                span.set_attribute("http.response.status_code", outcome.status_code)
            if not outcome.ok:
                span.set_status(StatusCode.ERROR, outcome.summary)
            return outcome

    async def _post(
        self, http: aiohttp.ClientSession, url: str, body: bytes, headers: dict[str, str]
    ) -> rules.Outcome:
        started = time.perf_counter()

        def elapsed() -> int:
            return round((time.perf_counter() - started) * 1000)

        try:
            async with http.post(
                url,
                data=body,
                headers=headers,
                allow_redirects=False,  # a redirect could lead past the SSRF guard
                timeout=aiohttp.ClientTimeout(total=self.settings.webhook_timeout_seconds),
            ) as response:
                head = await response.content.read(self.settings.webhook_max_response_bytes)
                excerpt = head.decode("utf-8", errors="replace")[:EXCERPT_CHARS]
                return rules.Outcome(response.status, elapsed(), None, excerpt)
        except TimeoutError:
            return rules.Outcome(None, elapsed(), "timed out", None)
        except aiohttp.ClientError as exc:
            return rules.Outcome(None, elapsed(), f"{type(exc).__name__}: {exc}"[:300], None)

    async def record(
        self, uow: UnitOfWork, due: Sequence[Row], outcomes: Sequence[rules.Outcome]
    ) -> None:
        """The attempts, the deliveries' new state, and the subscriptions' failure streaks
        (disabling those that have lasted the configured time): one statement of each."""
        now = await uow.now()
        retry_for = timedelta(hours=self.settings.webhook_retry_for_hours)
        disable_after = timedelta(seconds=self.settings.webhook_disable_after_seconds)
        attempts: list[dict[str, Any]] = []
        settled: list[dict[str, Any]] = []
        by_webhook: dict[Any, list[tuple[Row, rules.Outcome]]] = {}
        for row, outcome in zip(due, outcomes, strict=True):
            first = row["first_attempt_at"] or now
            state = rules.settle(
                outcome,
                attempts=row["attempts"] + 1,
                first_attempt_at=first,
                now=now,
                base_seconds=self.settings.webhook_retry_base_seconds,
                retry_for=retry_for,
                jitter=random.uniform(0.5, 1.5),  # noqa: S311
            )
            attempts.append(
                {
                    "delivery_id": row["id"],
                    "at": now,
                    "status_code": outcome.status_code,
                    "latency_ms": outcome.latency_ms,
                    "error": outcome.error,
                    "response_excerpt": outcome.excerpt,
                }
            )
            settled.append(
                {
                    "delivery_id": row["id"],
                    "attempts": row["attempts"] + 1,
                    "first_attempt_at": first,
                    "status": state.status,
                    "delivered_at": state.delivered_at,
                    "retry_at": state.next_attempt_at,
                }
            )
            by_webhook.setdefault(row["webhook_id"], []).append((row, outcome))
        await uow.execute_many(queries.RECORD_ATTEMPT, attempts)
        await uow.execute_many(queries.SETTLE, settled)
        streaks, disabled = [], []
        for webhook_id, tried in by_webhook.items():
            hook = tried[0][0]
            round_ = [outcome for _, outcome in tried]
            since = rules.failing_since(hook["failing_since"], round_, now)
            failures = 0 if since is None else hook["consecutive_failures"] + len(round_)
            if rules.should_disable(since, now, disable_after):
                assert since is not None
                reason = rules.disabled_reason(since, now, round_[-1])
                disabled.append(
                    {
                        "webhook_id": webhook_id,
                        "consecutive_failures": failures,
                        "failing_since": since,
                        "disabled_reason": reason,
                    }
                )
                self._disabled(uow, webhook_id, hook["url"], reason)
            elif (since, failures) != (hook["failing_since"], hook["consecutive_failures"]):
                streaks.append(
                    {
                        "webhook_id": webhook_id,
                        "consecutive_failures": failures,
                        "failing_since": since,
                    }
                )
        await uow.execute_many(queries.STREAK, streaks)
        await uow.execute_many(queries.DISABLE, disabled)

    def _disabled(self, uow: UnitOfWork, webhook_id: Any, url: str, reason: str) -> None:
        log.warning("webhook disabled", extra={"webhook_id": str(webhook_id), "reason": reason})
        uow.publish(
            contracts.event(
                WEBHOOK_DISABLED, WebhookDisabled(webhook_id=webhook_id, url=url, reason=reason)
            )
        )


def webhook_dispatcher(runtime: ServiceRuntime) -> Coroutine[Any, Any, None]:
    settings = runtime.settings
    assert isinstance(settings, GatewaySettings)
    return Dispatcher(Transactions(runtime.database, outbox), settings).run()
