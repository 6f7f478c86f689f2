"""The dashboard's calls to the services: the proxy's own pooled session, spread over each
service's instances in turn with their breakers (as proxied calls are), with an internal
token minted for an anonymous caller (the dashboard shows public data only)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiohttp
import orjson

from clusterkit.auth import ANONYMOUS, TOKEN_HEADER
from clusterkit.context import current_request_id
from clusterkit.i18n import current_language
from gateway.proxy.proxy import Proxy
from gateway.proxy.upstreams import Instance

TIMEOUT = aiohttp.ClientTimeout(total=10, connect=3)


class Unavailable(Exception):
    """The service did not answer (connection refused, timeout, circuit open)."""


class Answer:
    def __init__(self, status: int, body: Any):
        self.status = status
        self.body = body

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class Services:
    def __init__(self, proxy: Proxy):
        self.proxy = proxy

    async def call(
        self,
        method: str,
        service: str,
        path: str,
        *,
        params: Mapping[str, object] | None = None,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Answer:
        upstream = self.proxy.services[service]
        request_id = current_request_id()
        token = self.proxy.tokens.mint(ANONYMOUS, audience=service, request_id=request_id)
        sent = {
            TOKEN_HEADER: token,
            "accept": "application/json",
            "accept-language": current_language(),  # problems in the page's language
            **(headers or {}),
        }
        if request_id:
            sent["x-request-id"] = request_id
        data = None
        if body is not None:
            data = orjson.dumps(body)
            sent["content-type"] = "application/json"
        query = {k: str(v) for k, v in (params or {}).items() if v not in (None, "")}
        tried: list[Instance] = []
        while (instance := upstream.choose(tried, untried_only=True)) is not None:
            tried.append(instance)
            try:
                async with self.proxy.session.request(
                    method,
                    instance.url + path,
                    params=query,
                    data=data,
                    headers=sent,
                    timeout=TIMEOUT,
                    allow_redirects=False,
                ) as answer:
                    raw = await answer.read()
                    instance.breaker.succeeded()
                    parsed = orjson.loads(raw) if raw else None
                    return Answer(answer.status, parsed)
            except aiohttp.ClientConnectorError:
                # Nothing was sent (connection refused): another instance may take it.
                instance.breaker.failed()
            except (aiohttp.ClientError, TimeoutError, orjson.JSONDecodeError) as exc:
                instance.breaker.failed()
                raise Unavailable(service) from exc
        raise Unavailable(service)  # every instance refused, or every breaker is open

    async def get(self, service: str, path: str, params: Mapping[str, object] | None = None) -> Any:
        """The JSON of a successful GET, or None (error or service unavailable)."""
        try:
            answer = await self.call("GET", service, path, params=params)
        except Unavailable:
            return None
        return answer.body if answer.ok else None
