"""The dashboard's pages: server-rendered HTML for the cluster's public figures, the member
registry, the supply catalogue and the membership application; forms work without script.
Data comes from the services over the proxy's own session (see ``client``)."""

from __future__ import annotations

import asyncio
import hashlib
from collections import Counter
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from uuid import UUID

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import Scope

from clusterkit.app import runtime_of
from clusterkit.codes import Region
from clusterkit.problems import Problem
from gateway.dashboard import charts, live
from gateway.dashboard.client import Services, Unavailable
from gateway.proxy import Proxy

HERE = Path(str(files("gateway.dashboard")))
TASHKENT = timezone(timedelta(hours=5))
REGIONS = {
    Region.ANDIJAN: "Andijan",
    Region.BUKHARA: "Bukhara",
    Region.FERGANA: "Fergana",
    Region.JIZZAKH: "Jizzakh",
    Region.NAMANGAN: "Namangan",
    Region.NAVOI: "Navoi",
    Region.KASHKADARYA: "Kashkadarya",
    Region.KARAKALPAKSTAN: "Karakalpakstan",
    Region.SAMARKAND: "Samarkand",
    Region.SYRDARYA: "Syrdarya",
    Region.SURKHANDARYA: "Surkhandarya",
    Region.TASHKENT_CITY: "Tashkent city",
    Region.TASHKENT_REGION: "Tashkent region",
    Region.KHOREZM: "Khorezm",
}
# membership's sectors and supply's categories, in the order the cluster lists them
SECTORS = {
    "cable_wire": "Cable and wire",
    "pipes": "Pipes",
    "fittings": "Fittings",
    "copper_powder": "Copper powder",
    "ev_parts_chargers": "EV parts and chargers",
    "renewable_energy": "Renewable energy",
    "chemical_reagents": "Chemical reagents",
    "equipment_mechanisms": "Equipment and mechanisms",
    "training": "Training",
}
CATEGORIES = {
    "reagent": "Reagents",
    "equipment": "Equipment",
    "mechanism": "Mechanisms",
    "spare_part": "Spare parts",
    "material": "Materials",
}
OPEN_STATES = {
    "submitted": "Submitted",
    "under_review": "Under review",
    "info_requested": "Information requested",
}
STATUS_TEXT = {
    **OPEN_STATES,
    "approved": "Approved",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
}
APPLICATION_FIELDS = (
    "legal_name",
    "stir",
    "region",
    "sectors",
    "requested_cathode_tpy",
    "contact.name",
    "contact.email",
    "contact.phone",
    "proposal",
)
# Said to people instead of the API's regular expression when a field does not match it.
HINTS = {
    "stir": "The STIR is exactly 9 digits.",
    "contact.email": "Enter an email address such as name@company.uz.",
    "contact.phone": "Enter a phone number such as +998 71 200 10 20.",
    "requested_cathode_tpy": "Enter a number of tonnes, 0 or more.",
}
MEMBER_PAGES = 25  # at most 25 x 200 members read for the counts
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

templates = Jinja2Templates(directory=str(HERE / "templates"))


def _asset_versions() -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        for path in (HERE / "static").iterdir()
        if path.is_file()
    }


ASSETS = _asset_versions()


def asset(name: str) -> str:
    return f"/dashboard/static/{name}?v={ASSETS.get(name, '0')}"


templates.env.globals.update(
    asset=asset,
    percent=charts.percent,
    amount=charts.amount,
    regions=REGIONS,
    sectors=SECTORS,
    categories=CATEGORIES,
    open_states=OPEN_STATES,
    status_text=STATUS_TEXT,
    hints=HINTS,
)


class CachedStatic(StaticFiles):
    """Static files with ``Cache-Control``: a day, and a year (immutable) when the URL
    carries the file's content hash (``?v=``) as the pages link them."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            versioned = b"v=" in scope.get("query_string", b"")
            response.headers["Cache-Control"] = (
                "public, max-age=31536000, immutable" if versioned else "public, max-age=86400"
            )
            response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def mount_dashboard_assets(app: FastAPI) -> None:
    app.mount("/dashboard/static", CachedStatic(directory=str(HERE / "static")), name="dashboard")


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store" if status != 200 else "no-cache"
    return response


def _year(raw: str | None) -> int | None:
    if raw and raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return None


def _this_year() -> int:
    return datetime.now(TASHKENT).year


def dashboard_router(proxy: Proxy) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    services = Services(proxy)
    streams = live.Streams()

    async def deep_processing(year: int | None) -> tuple[int, Any]:
        """The chosen year, or the latest of the last three with figures."""
        if year is not None:
            return year, await services.get(
                "production", "/api/v1/production/kpis/deep-processing", {"year": year}
            )
        now = _this_year()
        first = None
        for candidate in (now, now - 1, now - 2):
            data = await services.get(
                "production", "/api/v1/production/kpis/deep-processing", {"year": candidate}
            )
            if first is None:
                first = (candidate, data)
            if data and (
                (charts.number(data["cathode_output_t"]) or 0) > 0
                or (charts.number(data["copper_processed_t"]) or 0) > 0
            ):
                return candidate, data
        assert first is not None
        return first

    async def localization(year: int | None) -> Any:
        """The chosen year when it has orders, else the latest of the last two with some
        (supply's figures start with the platform; the section names its year)."""
        now = _this_year()
        candidates = [year] if year is not None else []
        candidates += [y for y in (now, now - 1) if y != year]
        first = None
        for candidate in candidates:
            data = await services.get(
                "supply", "/api/v1/supply/stats/localization", {"year": candidate}
            )
            first = first or data
            if data and data["orders"]:
                return data
        return first

    async def all_members() -> list[dict[str, Any]] | None:
        found: list[dict[str, Any]] = []
        cursor = None
        for _ in range(MEMBER_PAGES):
            page_ = await services.get(
                "membership",
                "/api/v1/membership/members",
                {"limit": 200, "status": "active", "cursor": cursor},
            )
            if page_ is None:
                return found or None
            found.extend(page_["items"])
            cursor = page_.get("next_cursor")
            if not cursor:
                break
        return found

    async def production(year: int) -> dict[str, Any] | None:
        kpis = "/api/v1/production/kpis"
        cathode = {"year": year, "metric": "cathode_output"}
        monthly, yearly, growth, output = await asyncio.gather(
            services.get("production", f"{kpis}/fulfilment", cathode),
            services.get("production", f"{kpis}/fulfilment", {**cathode, "rollup": "year"}),
            services.get("production", f"{kpis}/growth", {**cathode, "rollup": "year"}),
            services.get(
                "production",
                f"{kpis}/growth",
                {"year": year, "metric": "industrial_output_value", "rollup": "year"},
            ),
        )
        if monthly is None or yearly is None:
            return None
        periods = [f"{year}-{m:02d}" for m in range(1, 13)]
        by_period = {row["period"]: row for row in monthly}

        def figure(period: str, key: str) -> Decimal | None:
            return charts.number(by_period.get(period, {}).get(key))

        total = yearly[0] if yearly else {}
        return {
            "chart": charts.columns(
                periods,
                [figure(p, "actual") for p in periods],
                [figure(p, "plan") for p in periods],
                label=f"AMMC cathode copper output by month, {year}, against plan",
                unit="t",
            ),
            "months": [
                {
                    "period": p,
                    "actual": figure(p, "actual"),
                    "plan": figure(p, "plan"),
                    "fulfilment": figure(p, "fulfilment"),
                }
                for p in periods
            ],
            "actual": charts.number(total.get("actual")),
            "plan": charts.number(total.get("plan")),
            "fulfilment": charts.number(total.get("fulfilment")),
            "growth": charts.number(growth[0]["growth"]) if growth else None,
            "output_growth": charts.number(output[0]["growth"]) if output else None,
        }

    @router.get("/", response_class=HTMLResponse)
    async def index(request: Request) -> HTMLResponse:
        year = _year(request.query_params.get("year"))
        database = runtime_of(request).legacy
        (chosen, deep), members, local, recent = await asyncio.gather(
            deep_processing(year),
            all_members(),
            localization(year),
            live.latest(database),
        )
        context: dict[str, Any] = {
            "year": chosen,
            "years": list(range(_this_year(), _this_year() - 5, -1)),
            "deep": deep,
            "production": await production(chosen),
            "local": local,
            "recent": recent,
            "last_position": max((e["position"] for e in recent), default=0),
        }
        if deep:
            share = charts.number(deep["share"])
            target = charts.number(deep["target"]) or Decimal("0.8")
            context["deep_gauge"] = charts.gauge(
                share, target, label=f"Deep-processing share {chosen}"
            )
            context["deep_months"] = charts.line_chart(
                [(m["period"], charts.number(m["share"])) for m in deep["by_month"]],
                label=f"Deep-processing share by month, {chosen}",
                target=target,
            )
            categories = sorted(
                deep["by_category"],
                key=lambda c: charts.number(c["copper_processed_t"]) or Decimal(0),
                reverse=True,
            )
            context["deep_categories"] = charts.bars(
                [
                    (
                        SECTORS.get(c["product_category"], c["product_category"]),
                        charts.number(c["copper_processed_t"]) or Decimal(0),
                        f"{charts.amount(c['copper_processed_t'])} t · "
                        f"{charts.percent(c['share'])}",
                    )
                    for c in categories
                ],
                label=f"Copper processed by product category, {chosen}",
            )
            context["deep_categories_rows"] = categories
        if local:
            context["local_chart"] = charts.bars(
                [
                    (
                        CATEGORIES.get(c["category"], c["category"]),
                        charts.number(c["local_share"]) or Decimal(0),
                        charts.percent(c["local_share"]),
                    )
                    for c in local["by_category"]
                ],
                label=f"Local share of supply purchases by category, {local['year']}",
            )
        if members is not None:
            sectors = Counter(s for m in members for s in m["sectors"])
            regions = Counter(m["region"] for m in members)
            context["members"] = {
                "total": len(members),
                "by_sector": [(code, name, sectors.get(code, 0)) for code, name in SECTORS.items()],
                "by_region": [
                    (code.value, name, regions.get(code, 0)) for code, name in REGIONS.items()
                ],
                "newest": sorted(members, key=lambda m: m["admitted_at"], reverse=True)[:5],
            }
        return page(request, "index.html", context)

    @router.get("/dashboard/events/stream")
    async def events_stream(request: Request) -> StreamingResponse:
        if streams.open >= streams.limit:
            raise Problem(
                503,
                "Too many live streams open; retry shortly.",
                code="busy",
                headers={"Retry-After": "5"},
            )
        database = runtime_of(request).legacy
        raw = request.headers.get("last-event-id") or request.query_params.get("after") or ""
        start = int(raw) if raw.isdigit() else await live.last_position(database)

        async def body() -> Any:
            streams.open += 1
            try:
                async for frame in live.stream(database, start, request.is_disconnected):
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
        q = query.get("q", "").strip()[:100]
        region = query.get("region", "")
        sector = query.get("sector", "")
        params = {
            "q": q or None,
            "region": region if region in {r.value for r in Region} else None,
            "sector": sector if sector in SECTORS else None,
            "cursor": query.get("cursor", "")[:300] or None,
            "limit": 50,
        }
        found = await services.get("membership", "/api/v1/membership/members", params)
        return page(
            request,
            "registry.html",
            {"q": q, "region": region, "sector": sector, "found": found},
        )

    @router.get("/catalogue", response_class=HTMLResponse)
    async def catalogue(request: Request) -> HTMLResponse:
        query = request.query_params
        q = query.get("q", "").strip()[:100]
        category = query.get("category", "")
        hs = query.get("hs", "").strip()[:13]
        local_only = query.get("local_only") in ("1", "true", "on")
        hs_ok = not hs or (hs[0].isdigit() and all(c.isdigit() or c == "." for c in hs))
        params = {
            "q": q or None,
            "category": category if category in CATEGORIES else None,
            "hs": hs if hs and hs_ok else None,
            "local_only": "true" if local_only else None,
            "cursor": query.get("cursor", "")[:300] or None,
            "limit": 50,
        }
        found = await services.get("supply", "/api/v1/supply/items", params)
        return page(
            request,
            "catalogue.html",
            {
                "q": q,
                "category": category,
                "hs": hs,
                "hs_error": None if hs_ok else "Digits and dots, starting with a digit",
                "local_only": local_only,
                "found": found,
            },
        )

    @router.get("/apply", response_class=HTMLResponse)
    async def apply_form(request: Request) -> HTMLResponse:
        return page(request, "apply.html", {"form": {}, "errors": {}})

    @router.post("/apply", response_class=HTMLResponse)
    async def apply(request: Request) -> HTMLResponse:
        form = await _form(request)
        body = application_body(form)
        client = request.client.host if request.client else "unknown"
        decision = proxy.buckets.take(proxy.limits.anonymous_submit, client)
        if not decision.allowed:
            context = {
                "form": form,
                "errors": {},
                "failure": "Too many applications from "
                f"this address; try again in {decision.reset_seconds} s.",
            }
            return page(request, "apply.html", context, status=429)
        try:
            answer = await services.call(
                "POST", "membership", "/api/v1/membership/applications", body=body
            )
        except Unavailable:
            context = {
                "form": form,
                "errors": {},
                "failure": "The membership service is not "
                "reachable right now; please try again shortly.",
            }
            return page(request, "apply.html", context, status=503)
        if answer.status == 201:
            return page(request, "applied.html", {"application": answer.body}, status=201)
        problem = answer.body if isinstance(answer.body, dict) else {}
        errors = field_errors(problem)
        context = {
            "form": form,
            "errors": errors,
            "failure": problem.get("detail") or "The application could not be submitted.",
        }
        return page(request, "apply.html", context, status=answer.status)

    @router.get("/application-status", response_class=HTMLResponse)
    async def status_form(request: Request) -> HTMLResponse:
        return page(request, "status.html", {"form": {}})

    @router.post("/application-status", response_class=HTMLResponse)
    async def status_lookup(request: Request) -> HTMLResponse:
        form = await _form(request)
        raw_id = str(form.get("id", "")).strip()
        token = str(form.get("token", "")).strip()
        shown = {"id": raw_id}
        try:
            application_id = UUID(raw_id)
        except ValueError:
            return page(
                request,
                "status.html",
                {"form": shown, "failure": "The application id is not valid."},
                status=422,
            )
        if not token:
            return page(
                request, "status.html", {"form": shown, "failure": "Enter the access token."}, 422
            )
        base = f"/api/v1/membership/applications/{application_id}"
        try:
            one, history = await asyncio.gather(
                services.call("GET", "membership", base, headers={"X-Application-Token": token}),
                services.call(
                    "GET", "membership", f"{base}/history", headers={"X-Application-Token": token}
                ),
            )
        except Unavailable:
            return page(
                request,
                "status.html",
                {"form": shown, "failure": "The membership service is not reachable."},
                503,
            )
        if not one.ok:
            return page(
                request,
                "status.html",
                {"form": shown, "failure": "No application matches this id and access token."},
                404 if one.status in (401, 403, 404) else one.status,
            )
        return page(
            request,
            "status.html",
            {
                "form": shown,
                "application": one.body,
                "history": history.body if history.ok else [],
            },
        )

    return router


async def _form(request: Request) -> dict[str, Any]:
    """An urlencoded form (what a browser sends without script): one value per field, a
    list for ``sectors``."""
    raw = (await request.body())[: 64 << 10].decode("utf-8", errors="replace")
    parsed = parse_qs(raw, keep_blank_values=True, max_num_fields=50)
    form: dict[str, Any] = {k: v[-1] for k, v in parsed.items()}
    form["sectors"] = parsed.get("sectors", [])
    return form


def application_body(form: dict[str, Any]) -> dict[str, Any]:
    """The API's submission from the form's fields (``contact.email`` -> nested)."""

    def text(name: str) -> str:
        return str(form.get(name, "")).strip()

    return {
        "legal_name": text("legal_name"),
        "stir": text("stir"),
        "region": text("region"),
        "sectors": [s for s in form.get("sectors", []) if s],
        "planned_products": [],
        "requested_cathode_tpy": text("requested_cathode_tpy") or "0",
        "contact": {
            "name": text("contact.name"),
            "email": text("contact.email"),
            "phone": text("contact.phone"),
        },
        "proposal": text("proposal"),
    }


def field_errors(problem: dict[str, Any]) -> dict[str, str]:
    """problem+json ``errors[]`` as {form field: message}; errors inside a list (a sector)
    belong to the list's field, anything unknown to the form as a whole."""
    found: dict[str, str] = {}
    for error in problem.get("errors") or []:
        field = str(error.get("field", ""))
        name = next(
            (f for f in APPLICATION_FIELDS if field == f or field.startswith(f + ".")), "form"
        )
        message = str(error.get("message", "invalid"))
        if name in HINTS and str(error.get("type", "")).endswith(("pattern_mismatch", "parsing")):
            message = HINTS[name]
        found.setdefault(name, message)
    return found
