"""Pages as HTML: the templates with the labels and number formats they use, the headers
every page carries (a strict CSP: no inline script), and the static files, cached by their
content hash."""

from __future__ import annotations

import hashlib
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import Scope

from gateway.dashboard import charts
from gateway.dashboard.labels import CATEGORIES, HINTS, OPEN_STATES, REGIONS, SECTORS, STATUS_TEXT

HERE = Path(str(files("gateway.dashboard")))
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


# What every template may use: asset URLs, number formats, and the labels of the codes.
templates.env.globals.update(asset=asset, percent=charts.percent, amount=charts.amount)
templates.env.globals.update(regions=REGIONS, sectors=SECTORS, categories=CATEGORIES)
templates.env.globals.update(open_states=OPEN_STATES, status_text=STATUS_TEXT, hints=HINTS)


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
