"""The generated client, set up for the platform: the API key, retries and idempotency keys
(:mod:`copper_cluster.retries`) under every call, sync and async."""

from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType

import httpx
from copper_cluster_client import AuthenticatedClient, Client
from copper_cluster_client.models.import_summary import ImportSummary
from copper_cluster_client.models.problem import Problem

from copper_cluster.pages import ApiError
from copper_cluster.retries import AsyncRetryTransport, Retry, RetryTransport

IMPORT = "/api/v1/production/reports/import"


class Cluster:
    """``Cluster(url, api_key=...)``: pass ``cluster.client`` to the generated functions
    (``copper_cluster_client.api.<tag>.<operation>.sync / asyncio``). Without a key the
    calls are anonymous. ``transport`` / ``async_transport`` replace the network (tests)."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        retry: Retry | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client: AuthenticatedClient | Client = (
            AuthenticatedClient(base_url, token=api_key) if api_key else Client(base_url)
        )
        # The generated client's own httpx clients, made here with the retrying transports.
        self.http = httpx.Client(
            base_url=base_url,
            headers=headers,
            timeout=timeout,
            transport=RetryTransport(transport, retry),
        )
        self.async_http = httpx.AsyncClient(
            base_url=base_url,
            headers=headers,
            timeout=timeout,
            transport=AsyncRetryTransport(async_transport, retry),
        )
        self.client.set_httpx_client(self.http)
        self.client.set_async_httpx_client(self.async_http)

    def import_reports(
        self, rows: bytes | Iterable[bytes], *, content_type: str = "text/csv"
    ) -> ImportSummary:
        """The production import, CSV (``text/csv``) or NDJSON (``application/x-ndjson``),
        streamed: the one operation the generated client leaves out (it sends no such
        body). Never repeated: an import is not idempotent."""
        response = self.http.post(IMPORT, content=rows, headers={"Content-Type": content_type})
        if response.status_code == 200:
            return ImportSummary.from_dict(response.json())
        if response.headers.get("content-type", "").startswith("application/problem+json"):
            raise ApiError(Problem.from_dict(response.json()))
        raise ApiError(None)

    def close(self) -> None:
        self.http.close()

    async def aclose(self) -> None:
        await self.async_http.aclose()
        self.http.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> Cluster:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.aclose()
