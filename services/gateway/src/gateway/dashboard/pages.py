"""The pages people read: the cluster's figures, the member registry, the supply catalogue,
and the recent events live (server-sent events)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, StreamingResponse
from starlette.datastructures import QueryParams

from clusterkit.app import runtime_of
from clusterkit.codes import Region
from clusterkit.errors import Busy
from clusterkit.i18n import N_, current_language
from clusterkit.routing import Router
from gateway.dashboard import data, exports, live, reporting
from gateway.dashboard.client import Services
from gateway.dashboard.labels import CATEGORIES, SECTORS
from gateway.dashboard.render import page, page_language

# Rows a page of the registry or the catalogue shows.
PAGE_SIZE = 50


def _search(query: QueryParams) -> str:
    """The search text asked for, at most 100 characters."""
    return query.get("q", "").strip()[:100]


def _page_asked(query: QueryParams, **filters: str | None) -> dict[str, str | int | None]:
    """An upstream list's parameters: the filters, and the page asked for (its cursor)."""
    return {**filters, "cursor": query.get("cursor", "")[:300] or None, "limit": PAGE_SIZE}


async def choose_language(request: Request) -> str:
    """Every page answers in the language it is asked in (async: the choice must be made in
    the request's own context, not a thread's)."""
    return page_language(request)


def pages_router(services: Services) -> Router:
    router = Router(include_in_schema=False, dependencies=[Depends(choose_language)])
    figures = data.Figures(services)
    streams = live.Streams()

    @router.get("/", response_class=HTMLResponse)
    async def index(request: Request) -> HTMLResponse:
        year = data.chosen_year(request.query_params.get("year"))
        (chosen, deep), members, recent = await asyncio.gather(
            figures.deep_processing(year),
            figures.members(),
            live.latest(runtime_of(request).database),
        )
        # Every card shows the one year the page names.
        production, local, on_time = await asyncio.gather(
            figures.production(chosen),
            figures.localization(chosen),
            reporting.on_time(services, chosen),
        )
        today = datetime.now(data.TASHKENT).date()
        context: dict[str, Any] = {
            "year": chosen,
            "years": list(range(data.this_year(), data.this_year() - 5, -1)),
            "deep": deep,
            "production": production,
            "local": local,
            "on_time": reporting.card(on_time, chosen, today),
            "exports": exports.front_page(chosen),
            "recent": recent,
            "last_position": max((e["position"] for e in recent), default=0),
        }
        if deep:
            context |= data.deep_processing_charts(deep, chosen)
        if local:
            context["local_chart"] = data.localization_chart(local)
        if members is not None:
            context["members"] = data.members_summary(members)
        return page(request, "index.html", context)

    @router.get("/dashboard/events/stream")
    async def events_stream(request: Request) -> StreamingResponse:
        if streams.open >= streams.limit:
            raise Busy(N_("Too many live streams open; retry shortly."))
        database = runtime_of(request).database
        raw = request.headers.get("last-event-id") or request.query_params.get("after") or ""
        start = int(raw) if raw.isdigit() else await live.last_position(database)

        async def body() -> AsyncIterator[bytes]:
            streams.open += 1
            try:
                frames = live.stream(
                    database, start, request.is_disconnected, language=current_language()
                )
                async for frame in frames:
                    yield frame
            finally:
                streams.open -= 1

        return StreamingResponse(
            body(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    @router.get("/registry", response_class=HTMLResponse)
    async def registry(request: Request) -> HTMLResponse:
        query = request.query_params
        q, region, sector = _search(query), query.get("region", ""), query.get("sector", "")
        params = _page_asked(
            query,
            q=q or None,
            region=region if region in {r.value for r in Region} else None,
            sector=sector if sector in SECTORS else None,
        )
        found = await services.get("membership", "/api/v1/membership/members", params)
        context = {
            "q": q,
            "region": region,
            "sector": sector,
            "found": found,
            "exports": exports.links(exports.MEMBERS, {**params, "cursor": None, "limit": None}),
        }
        return page(request, "registry.html", context)

    @router.get("/catalogue", response_class=HTMLResponse)
    async def catalogue(request: Request) -> HTMLResponse:
        query = request.query_params
        q, category = _search(query), query.get("category", "")
        hs = query.get("hs", "").strip()[:13]
        local_only = query.get("local_only") in ("1", "true", "on")
        hs_ok = not hs or (hs[0].isdigit() and all(c.isdigit() or c == "." for c in hs))
        params = _page_asked(
            query,
            q=q or None,
            category=category if category in CATEGORIES else None,
            hs=hs if hs and hs_ok else None,
            local_only="true" if local_only else None,
        )
        found = await services.get("supply", "/api/v1/supply/items", params)
        hs_error = None if hs_ok else N_("Digits and dots, starting with a digit")
        context = {
            "q": q,
            "category": category,
            "hs": hs,
            "hs_error": hs_error,
            "local_only": local_only,
            "found": found,
            "exports": exports.links(exports.ITEMS, {**params, "cursor": None, "limit": None}),
            "supplier_exports": exports.links(
                exports.SUPPLIERS,
                {"category": params["category"], "is_local": params["local_only"]},
            ),
        }
        return page(request, "catalogue.html", context)

    return router
