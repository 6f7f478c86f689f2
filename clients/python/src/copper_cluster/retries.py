"""Retries with backoff for the calls that may be repeated, as an httpx transport under the
generated client: GET, HEAD, OPTIONS, PUT and DELETE, and a POST that carries an
``Idempotency-Key`` (the service answers a repeat with the first answer). Retried on 429,
502, 503 and 504 and on connection errors; ``Retry-After`` is honoured.

Creates that honour an ``Idempotency-Key`` get one here when the caller gave none, so that
they too may be repeated. An answer that says its operation is deprecated (``Deprecation``,
RFC 9745) raises an :class:`OperationDeprecated` warning naming its sunset and its page."""

from __future__ import annotations

import asyncio
import random
import re
import time
import uuid
import warnings
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from copper_cluster.operations import IDEMPOTENT_CREATES

IDEMPOTENCY_KEY = "Idempotency-Key"
REPEATABLE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
# The request may not have reached the service, or its answer was lost on the way.
CONNECTION_ERRORS = (httpx.NetworkError, httpx.TimeoutException, httpx.RemoteProtocolError)


class OperationDeprecated(DeprecationWarning):
    """The platform answered that the operation called is deprecated."""


def announce_deprecation(request: httpx.Request, response: httpx.Response) -> None:
    if "deprecation" not in response.headers:
        return
    sunset = response.headers.get("sunset")
    page = response.headers.get("link", "")
    warnings.warn(
        f"{request.method} {request.url.path} is deprecated"
        + (f" and stops answering after {sunset}" if sunset else "")
        + (f"; see {page}" if page else ""),
        OperationDeprecated,
        stacklevel=2,
    )


@dataclass(frozen=True)
class Retry:
    """``attempts`` in all (1: no retry); waits ``backoff * 2**n`` (half of it random, so
    that clients refused together do not come back together), at most ``max_delay``. A
    ``Retry-After`` longer than ``max_delay`` is not waited for: its answer is returned."""

    attempts: int = 4
    backoff: float = 0.25
    max_delay: float = 10.0
    statuses: frozenset[int] = field(default_factory=lambda: frozenset({429, 502, 503, 504}))

    def wait(self, attempt: int, response: httpx.Response | None) -> float | None:
        """Seconds before try ``attempt + 1``, or None to stop retrying."""
        if attempt + 1 >= self.attempts:
            return None
        asked = retry_after(response.headers.get("Retry-After")) if response is not None else None
        if asked is not None:
            return asked if asked <= self.max_delay else None
        ceiling = min(self.max_delay, self.backoff * 2.0**attempt)
        return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 (jitter, not a secret)


def retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP-date (RFC 9110)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _templates(paths: Iterable[str]) -> list[re.Pattern[str]]:
    # The base URL may carry a path of its own in front of the API's.
    parameter = re.compile(r"\\\{[^/]+?\\\}")  # {name}, as re.escape leaves it
    return [re.compile(".*" + parameter.sub("[^/]+", re.escape(p)) + "$") for p in paths]


@dataclass
class _Policy:
    retry: Retry
    creates: list[re.Pattern[str]]

    def prepare(self, request: httpx.Request) -> bool:
        """Give a create its key; whether the request may be repeated."""
        if (
            request.method == "POST"
            and IDEMPOTENCY_KEY not in request.headers
            and any(p.match(request.url.path) for p in self.creates)
        ):
            request.headers[IDEMPOTENCY_KEY] = str(uuid.uuid4())
        return request.method in REPEATABLE_METHODS or IDEMPOTENCY_KEY in request.headers


class RetryTransport(httpx.BaseTransport):
    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        retry: Retry | None = None,
        *,
        creates: Iterable[str] = IDEMPOTENT_CREATES,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.policy = _Policy(retry or Retry(), _templates(creates))
        self.sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._handle(request)
        announce_deprecation(request, response)
        return response

    def _handle(self, request: httpx.Request) -> httpx.Response:
        if not self.policy.prepare(request):
            return self.inner.handle_request(request)
        request.read()  # the body is sent again on a retry
        attempt = 0
        while True:
            try:
                response = self.inner.handle_request(request)
            except CONNECTION_ERRORS:
                wait = self.policy.retry.wait(attempt, None)
                if wait is None:
                    raise
            else:
                if response.status_code not in self.policy.retry.statuses:
                    return response
                wait = self.policy.retry.wait(attempt, response)
                if wait is None:
                    return response
                response.close()
            self.sleep(wait)
            attempt += 1

    def close(self) -> None:
        self.inner.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    def __init__(
        self,
        inner: httpx.AsyncBaseTransport | None = None,
        retry: Retry | None = None,
        *,
        creates: Iterable[str] = IDEMPOTENT_CREATES,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.inner = inner or httpx.AsyncHTTPTransport()
        self.policy = _Policy(retry or Retry(), _templates(creates))
        self.sleep = sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._handle(request)
        announce_deprecation(request, response)
        return response

    async def _handle(self, request: httpx.Request) -> httpx.Response:
        if not self.policy.prepare(request):
            return await self.inner.handle_async_request(request)
        await request.aread()
        attempt = 0
        while True:
            try:
                response = await self.inner.handle_async_request(request)
            except CONNECTION_ERRORS:
                wait = self.policy.retry.wait(attempt, None)
                if wait is None:
                    raise
            else:
                if response.status_code not in self.policy.retry.statuses:
                    return response
                wait = self.policy.retry.wait(attempt, response)
                if wait is None:
                    return response
                await response.aclose()
            await self.sleep(wait)
            attempt += 1

    async def aclose(self) -> None:
        await self.inner.aclose()
