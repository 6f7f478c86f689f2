"""Pages as HTML: the templates with the labels and number formats they use, in the page's
language, the headers every page carries (a strict CSP: no inline script), and the static
files, cached by their content hash.

A page's language is ``?lang=`` (which the language switch links to; a cookie keeps it),
else the ``lang`` cookie, else ``Accept-Language``, else the ``page_language`` setting
(Uzbek); an unknown one is never an error. The answer says it in ``Content-Language``.
"""

from __future__ import annotations

import hashlib
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import Scope

from clusterkit import i18n
from gateway.dashboard import charts
from gateway.dashboard.labels import (
    CATEGORIES,
    HINTS,
    MEMBER_STATES,
    OPEN_STATES,
    REGIONS,
    SECTORS,
    STATUS_TEXT,
    UNITS,
    named,
)

HERE = Path(str(files("gateway.dashboard")))
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
LANGUAGE_COOKIE = "lang"
COOKIE_SECONDS = 365 * 24 * 3600

environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=jinja2.select_autoescape(),
    extensions=["jinja2.ext.i18n"],
)
# Jinja's {% trans %} and _() in the language being answered in (newstyle: %(name)s filled
# and escaped by Jinja).
environment.install_gettext_callables(  # type: ignore[attr-defined]
    gettext=lambda message: i18n.gettext(None, message),
    ngettext=lambda singular, plural, n: i18n.ngettext(None, singular, plural, n),
    newstyle=True,
)
# {% trans %} blocks' whitespace is collapsed: the msgids do not follow the templates' layout.
environment.policies["ext.i18n.trimmed"] = True
templates = Jinja2Templates(env=environment)


def _asset_versions() -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        for path in (HERE / "static").iterdir()
        if path.is_file()
    }


ASSETS = _asset_versions()


def asset(name: str) -> str:
    return f"/dashboard/static/{name}?v={ASSETS.get(name, '0')}"


# What every template may use: asset URLs, number and date formats (the page's language).
def percent_of_100(value: str | float | None) -> str:
    """A percentage the API gives as 0..100 (``local_content_pct``), as the language writes it."""
    figure = charts.number(value)
    return charts.percent(None if figure is None else figure / 100, 0)


templates.env.globals.update(asset=asset, percent=charts.percent, amount=charts.amount)
templates.env.globals.update(percent_of_100=percent_of_100)
templates.env.globals.update(
    month=i18n.format_month, day=i18n.format_date, moment=i18n.format_datetime
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


def _asked(request: Request) -> str | None:
    raw = request.query_params.get("lang", "")[:20]
    return i18n.language_code(raw) if raw else None


def page_language(request: Request) -> str:
    """The page's language, chosen as the module says, and answered in from here on."""
    cookie = request.cookies.get(LANGUAGE_COOKIE, "")[:20]
    chosen = _asked(request) or (i18n.language_code(cookie) if cookie else None)
    if chosen is None:
        default = i18n.setting_language(request, "page_language", i18n.DEFAULT_PAGE_LANGUAGE)
        chosen = i18n.negotiate(request.headers.get("accept-language"), i18n.LANGUAGES, default)
    return i18n.set_language(chosen)


def language_links(request: Request) -> list[dict[str, str]]:
    """The language switch: this page (its query kept) in each language."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("lang", "cursor")]
    return [
        {
            "code": code,
            "name": i18n.NATIVE_NAMES[code],
            "href": f"{request.url.path}?{urlencode([*kept, ('lang', code)])}",
        }
        for code in i18n.LANGUAGES
    ]


def labels(language: str) -> dict[str, Any]:
    """The code lists' names and the hints, as a template reads them."""
    return {
        "regions": named(REGIONS, language),
        "sectors": named(SECTORS, language),
        "categories": named(CATEGORIES, language),
        "open_states": named(OPEN_STATES, language),
        "status_text": named(STATUS_TEXT, language),
        "member_states": named(MEMBER_STATES, language),
        "unit_names": named(UNITS, language),
        "hints": named(HINTS, language),
    }


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    language = i18n.current_language()
    shown = {
        "lang": language,
        "languages": language_links(request),
        **labels(language),
        **context,
    }
    response: HTMLResponse = templates.TemplateResponse(request, name, shown, status_code=status)
    response.headers["Content-Language"] = language
    response.headers["Vary"] = "Accept-Language, Cookie"
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store" if status != 200 else "no-cache"
    if _asked(request) == language:
        response.set_cookie(
            LANGUAGE_COOKIE, language, max_age=COOKIE_SECONDS, samesite="lax", httponly=True
        )
    return response
