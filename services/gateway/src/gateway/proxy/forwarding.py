"""Sending a request on to one of a service's instances, and again while that is safe.

A request is sent again (to another instance when there is one, else to the same after a
short delay) only when that cannot do a change twice: when nothing of it was sent (the
connection was refused: any request), or when it is safe to repeat (an idempotent method
or an ``Idempotency-Key``: also after a dropped connection or, on another instance only, a
timeout). A request whose bytes went out is never sent twice otherwise.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiohttp
from starlette.types import Send

from clusterkit.errors import DomainError, TooLarge, UpstreamFailed, UpstreamTimedOut
from clusterkit.i18n import N_
from gateway.proxy.bodies import BUFFERED_BODY_LIMIT, BodyTooLarge, StreamedBody
from gateway.proxy.ratelimit import Decision
from gateway.proxy.upstreams import Instance, Upstream

log = logging.getLogger("gateway.proxy")

DROPPED_RESPONSE_HEADERS = frozenset(
    {
        "connection",
        "keep-alive",
        "transfer-encoding",
        "upgrade",
        "trailer",
        "x-request-id",
    }
)
SAFE_TO_REPEAT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
# Before the 2nd and the 3rd attempt when it goes to an instance already tried (another
# instance is tried at once).
RETRY_DELAYS = (0.05, 0.2)

# How an attempt failed, which decides whether it may be made again.
NOT_SENT = "not sent"  # connecting failed: the service saw nothing of the request
DROPPED = "dropped"  # the connection broke after the request went out
TIMED_OUT = "timed out"  # no answer in time (the service may still be working on it)

# What the client is told, each said whole (the service's name is a word of the sentence).
TIMED_OUT_MESSAGES = {
    "membership": N_("The membership service did not answer in time."),
    "production": N_("The production service did not answer in time."),
    "supply": N_("The supply service did not answer in time."),
}
UNREACHABLE_MESSAGES = {
    "membership": N_("The membership service is not reachable."),
    "production": N_("The production service is not reachable."),
    "supply": N_("The supply service is not reachable."),
}
ANY_TIMED_OUT = N_("The {service} service did not answer in time.")
ANY_UNREACHABLE = N_("The {service} service is not reachable.")

Refuse = Callable[[DomainError, list[tuple[bytes, bytes]] | None], Awaitable[None]]


@dataclass
class Outgoing:
    """A request as it goes to the service (whichever instance)."""

    method: str
    target: str  # path and query
    headers: list[tuple[str, str]]
    body: bytes | StreamedBody | None

    @property
    def repeatable(self) -> bool:
        return not isinstance(self.body, StreamedBody) and (
            self.method in SAFE_TO_REPEAT
            or any(name.lower() == "idempotency-key" for name, _ in self.headers)
        )

    @property
    def unsent(self) -> bool:
        """Whether nothing of the body was taken from the client yet."""
        return not (isinstance(self.body, StreamedBody) and self.body.started)


async def forward(
    session: aiohttp.ClientSession,
    client_timeout: aiohttp.ClientTimeout,
    upstream: Upstream,
    instance: Instance,
    outgoing: Outgoing,
    *,
    send: Send,
    refuse: Refuse,
    decision: Decision,
    too_large: TooLarge,
) -> None:
    """Send ``outgoing`` to ``instance`` and relay the answer; on a failure, again while
    that is safe, else answer the failure (502 or 504)."""
    body = outgoing.body
    tried: list[Instance] = []
    while True:
        tried.append(instance)
        try:
            answer = await session.request(
                outgoing.method,
                instance.url + outgoing.target,
                headers=outgoing.headers,
                data=body.__aiter__() if isinstance(body, StreamedBody) else body,
                allow_redirects=False,
                timeout=client_timeout,
            )
        except (BodyTooLarge, aiohttp.ClientConnectionError, TimeoutError) as exc:
            if isinstance(body, StreamedBody) and body.too_large:
                await refuse(too_large, None)
                return
            instance.breaker.failed()
            failure = _failure(exc)
            again = _again(upstream, tried, outgoing, failure)
            if again is None:
                await _answer_failure(upstream.service, instance, failure, exc, refuse)
                return
            if again in tried:
                await asyncio.sleep(RETRY_DELAYS[len(tried) - 1])
            instance = again
            continue
        instance.breaker.succeeded()
        async with answer:
            await _relay(answer, send, decision)
        return


def _failure(exc: BaseException) -> str:
    if isinstance(exc, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError):
        return NOT_SENT
    if isinstance(exc, TimeoutError):
        return TIMED_OUT
    return DROPPED


def _again(
    upstream: Upstream, tried: list[Instance], outgoing: Outgoing, failure: str
) -> Instance | None:
    """The instance to send the request to again after ``failure``, if it may be sent."""
    if len(tried) > len(RETRY_DELAYS):
        return None
    if failure == NOT_SENT:
        return upstream.choose(tried) if outgoing.unsent else None
    if not outgoing.repeatable:
        return None
    # Waiting out a timeout again on the same instance would only double it.
    return upstream.choose(tried, untried_only=failure == TIMED_OUT)


async def _answer_failure(
    service: str, instance: Instance, failure: str, exc: BaseException, refuse: Refuse
) -> None:
    log.warning(
        "upstream failed",
        extra={"service": service, "url": instance.url, "failure": failure, "error": repr(exc)},
    )
    said = {"service": service}
    if failure == TIMED_OUT:
        message = TIMED_OUT_MESSAGES.get(service, ANY_TIMED_OUT)
        await refuse(UpstreamTimedOut(message, params=said), None)
    else:
        message = UNREACHABLE_MESSAGES.get(service, ANY_UNREACHABLE)
        await refuse(UpstreamFailed(message, params=said), [(b"retry-after", b"2")])


async def _relay(answer: aiohttp.ClientResponse, send: Send, decision: Decision) -> None:
    """The service's answer to the client, status and headers as they are."""
    await send(
        {
            "type": "http.response.start",
            "status": answer.status,
            "headers": [
                (name.lower(), value)
                for name, value in answer.raw_headers
                if name.decode("latin-1").lower() not in DROPPED_RESPONSE_HEADERS
            ]
            + decision.headers(),
        }
    )
    length = answer.content_length
    if length is not None and length <= BUFFERED_BODY_LIMIT:
        # one write for a small answer (most API answers)
        await send({"type": "http.response.body", "body": await answer.read()})
        return
    async for chunk in answer.content.iter_any():
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})
