"""One OpenAPI document for the whole platform, merged from the services' own documents,
and Swagger UI served from local files (no CDN at run time)."""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import aiohttp
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from clusterkit.contracts import EventContracts
from clusterkit.errors import NotFound, UpstreamFailed
from clusterkit.i18n import N_
from clusterkit.problems import problem_responses
from clusterkit.routing import Router

SECURITY_SCHEMES = {
    "apiKey": {
        "type": "http",
        "scheme": "bearer",
        "description": "An API key issued by an admin: `Authorization: Bearer ccp_...`. "
        "Without one you call anonymously (public registry, public KPIs, "
        "submitting an application).",
    },
    "applicationToken": {
        "type": "apiKey",
        "in": "header",
        "name": "X-Application-Token",
        "description": "The access token an applicant received with its application.",
    },
}
REF = "#/components/schemas/"
# A service's document could not be read (its name is its code: ``membership``).
SILENT = N_("The {service} service did not answer.")
# What the proxy itself may answer on any service's operation (besides the service's own).
PROXY_ERRORS = problem_responses(
    {
        413: "The body is larger than the gateway accepts",
        429: "Rate limited; retry after the `RateLimit` reset",
        502: "The service is not reachable",
        503: "The service is failing (circuit open) or its database is unreachable",
        504: "The service did not answer in time",
    }
)


def merge(documents: dict[str, dict[str, Any]], *, title: str, version: str) -> dict[str, Any]:
    """Merge OpenAPI documents (``{service: document}``): paths side by side, schemas by
    name, a schema whose name clashes with a different one is renamed ``<service>_<name>``.
    The services' operations (all but ``gateway``'s own) also declare the proxy's errors."""
    schemas: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    tags: list[dict[str, Any]] = []
    for service, document in documents.items():
        original = copy.deepcopy(document)
        # A rename changes the schemas that refer to the renamed one (Page[Member] of two
        # services may read alike until their Member differs): rename until nothing new clashes.
        renames: dict[str, str] = {}
        while True:
            document = _rewrite_refs(original, renames) if renames else original
            own = document.get("components", {}).get("schemas", {})
            clashes = {
                name: f"{service}_{name}"
                for name, schema in own.items()
                if name not in renames and name in schemas and schemas[name] != schema
            }
            if not clashes:
                break
            renames |= clashes
        for name, schema in own.items():
            schemas[renames.get(name, name)] = schema
        for path, operations in document.get("paths", {}).items():
            for operation in operations.values():
                if isinstance(operation, dict):
                    if service != "gateway":
                        operation["responses"] = {**operation.get("responses", {}), **PROXY_ERRORS}
                    operation.setdefault("tags", [service])
                    operation["tags"] = [
                        f"{service}: {t}" if t != service else t for t in operation["tags"]
                    ]
            paths[path] = operations
        seen = {t["name"] for t in tags}
        for operations in document.get("paths", {}).values():
            for operation in operations.values():
                for tag in operation.get("tags", []) if isinstance(operation, dict) else []:
                    if tag not in seen:
                        seen.add(tag)
                        tags.append({"name": tag})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": title,
            "version": version,
            "description": "Every operation of the Copper Cluster Platform, as external "
            "systems reach it through the gateway. Errors are RFC 9457 "
            "`application/problem+json`.",
        },
        "servers": [{"url": "/"}],
        "security": [{}, {"apiKey": []}],
        "tags": tags,
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": SECURITY_SCHEMES,
        },
    }


def _rewrite_refs(node: Any, renames: dict[str, str]) -> Any:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(REF):
                name = value[len(REF) :]
                out[key] = REF + renames.get(name, name)
            elif key == "schemas" and isinstance(value, dict):
                out[key] = {renames.get(k, k): _rewrite_refs(v, renames) for k, v in value.items()}
            else:
                out[key] = _rewrite_refs(value, renames)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(item, renames) for item in node]
    return node


class MergedOpenAPI:
    """Fetches the services' documents (cached ``ttl`` seconds) and merges them with the
    gateway's own."""

    def __init__(self, upstreams: dict[str, str], session: Any, *, ttl: float = 30.0):
        self.upstreams = upstreams
        self._session = session
        self.ttl = ttl
        self._cached: tuple[float, dict[str, Any]] | None = None

    async def document(self, gateway: FastAPI) -> dict[str, Any]:
        if self._cached and self._cached[0] > time.monotonic():
            return self._cached[1]
        session: aiohttp.ClientSession = self._session()

        async def fetch(url: str) -> dict[str, Any] | None:
            try:
                async with session.get(
                    f"{url}/openapi.json", timeout=aiohttp.ClientTimeout(total=3)
                ) as response:
                    if response.status == 200:
                        loaded: dict[str, Any] = await response.json()
                        return loaded
            except (aiohttp.ClientError, TimeoutError):
                pass
            return None

        fetched = await asyncio.gather(*(fetch(url) for url in self.upstreams.values()))
        documents = {"gateway": gateway.openapi()}
        missing = []
        for name, document in zip(self.upstreams, fetched, strict=True):
            if document is None:
                missing.append(name)
            else:
                documents[name] = document
        merged = merge(documents, title="Copper Cluster Platform API", version=gateway.version)
        if missing:  # do not cache a partial document
            merged["info"]["x-unavailable-services"] = missing
        else:
            self._cached = (time.monotonic() + self.ttl, merged)
        return merged


def docs_router(merged: MergedOpenAPI) -> Router:
    router = Router(include_in_schema=False)

    @router.get("/openapi.json")
    async def openapi(request: Request) -> JSONResponse:
        return JSONResponse(await merged.document(request.app))

    @router.get("/docs")
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Copper Cluster Platform API",
            swagger_js_url="/docs/static/swagger-ui-bundle.js",
            swagger_css_url="/docs/static/swagger-ui.css",
            swagger_favicon_url="/docs/static/favicon.png",
        )

    return router


def mount_docs_assets(app: FastAPI) -> None:
    """Swagger UI's files, from the fastapi-offline package (Swagger UI 5, OpenAPI 3.1)."""
    static = files("fastapi_offline") / "static"
    app.mount("/docs/static", StaticFiles(directory=str(static)), name="docs-static")


def contracts_router(
    upstreams: dict[str, str],
    session: Callable[[], aiohttp.ClientSession],
    own: EventContracts,
) -> Router:
    """Each service's AsyncAPI document at ``/asyncapi/<service>.yaml``, the gateway's own
    (``own``) among them; its ``./schemas/`` references resolve to
    ``/asyncapi/schemas/<type>.json`` (a type names its service)."""
    router = Router(include_in_schema=False)

    async def relay(service: str, path: str) -> Response:
        url = upstreams.get(service)
        if url is None:
            raise NotFound("service", N_("No service with this id."))
        try:
            async with session().get(url + path, timeout=aiohttp.ClientTimeout(total=5)) as got:
                body = await got.read()
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise UpstreamFailed(SILENT, code="bad-gateway", params={"service": service}) from exc
        if got.status == 404:
            raise NotFound("contract", N_("No contract with this id."))
        if got.status != 200:
            raise UpstreamFailed(SILENT, code="bad-gateway", params={"service": service})
        return Response(body, media_type=got.content_type)

    @router.get("/asyncapi/{service}.yaml")
    async def asyncapi(service: str) -> Response:
        if service == own.service:
            return Response(own.asyncapi_text(), media_type="application/yaml")
        return await relay(service, "/asyncapi.yaml")

    @router.get("/asyncapi/schemas/{name}")
    async def schema(name: str) -> Response:
        parts = name.split(".")
        if len(parts) < 4 or parts[:2] != ["uz", "coppercluster"]:
            raise NotFound("event type", N_("No event type with this id."))
        if parts[2] == own.service:
            type_ = name.removesuffix(".json")
            if type_ not in own.by_type:
                raise NotFound("event type", N_("No event type with this id."))
            return Response(own.schema_text(type_), media_type="application/schema+json")
        return await relay(parts[2], f"/asyncapi/schemas/{name}")

    return router
