"""The forms, which work without script: the membership application and its status (the
applicant's id and access token)."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import parse_qs
from uuid import UUID

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse

from clusterkit.i18n import N_, gettext
from clusterkit.routing import Router
from gateway.dashboard.client import Services, Unavailable
from gateway.dashboard.labels import HINTED, HINTS, hint
from gateway.dashboard.pages import choose_language
from gateway.dashboard.render import page
from gateway.proxy.proxy import Proxy

APPLICATIONS = "/api/v1/membership/applications"
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


def forms_router(proxy: Proxy, services: Services) -> Router:
    router = Router(include_in_schema=False, dependencies=[Depends(choose_language)])

    @router.get("/apply", response_class=HTMLResponse)
    async def apply_form(request: Request) -> HTMLResponse:
        return page(request, "apply.html", {"form": {}, "errors": {}})

    @router.post("/apply", response_class=HTMLResponse)
    async def apply(request: Request) -> HTMLResponse:
        form = await _form(request)
        body = application_body(form)
        # The API's own limit on anonymous submits: the same buckets (shared by every
        # gateway instance) and the same client address (the one a trusted balancer saw).
        client = proxy.clients.of(request.scope)
        decision = await proxy.limiter.take(proxy.limits.anonymous_submit, client)
        if not decision.allowed:
            context = {
                "form": form,
                "errors": {},
                "failure": gettext(
                    None,
                    N_("Too many applications from this address; try again in {seconds} s."),
                    seconds=decision.reset_seconds,
                ),
            }
            return page(request, "apply.html", context, status=429)
        try:
            answer = await services.call("POST", "membership", APPLICATIONS, body=body)
        except Unavailable:
            context = {
                "form": form,
                "errors": {},
                "failure": gettext(
                    None,
                    N_(
                        "The membership service is not reachable right now; "
                        "please try again shortly."
                    ),
                ),
            }
            return page(request, "apply.html", context, status=503)
        if answer.status == 201:
            return page(request, "applied.html", {"application": answer.body}, status=201)
        problem = answer.body if isinstance(answer.body, dict) else {}
        context = {
            "form": form,
            "errors": field_errors(problem),
            "failure": problem.get("detail")
            or gettext(None, N_("The application could not be submitted.")),
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
                {"form": shown, "failure": gettext(None, N_("The application id is not valid."))},
                status=422,
            )
        if not token:
            failure = gettext(None, N_("Enter the access token."))
            return page(request, "status.html", {"form": shown, "failure": failure}, 422)
        one = f"{APPLICATIONS}/{application_id}"
        held = {"X-Application-Token": token}
        try:
            application, history = await asyncio.gather(
                services.call("GET", "membership", one, headers=held),
                services.call("GET", "membership", f"{one}/history", headers=held),
            )
        except Unavailable:
            return page(
                request,
                "status.html",
                {
                    "form": shown,
                    "failure": gettext(None, N_("The membership service is not reachable.")),
                },
                503,
            )
        if not application.ok:
            return page(
                request,
                "status.html",
                {
                    "form": shown,
                    "failure": gettext(
                        None, N_("No application matches this id and access token.")
                    ),
                },
                404 if application.status in (401, 403, 404) else application.status,
            )
        return page(
            request,
            "status.html",
            {
                "form": shown,
                "application": application.body,
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
        if name in HINTS and str(error.get("type", "")).endswith(HINTED):
            message = hint(name) or message
        found.setdefault(name, message)
    return found
