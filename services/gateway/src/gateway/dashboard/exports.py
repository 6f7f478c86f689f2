"""The exports each card links to: the API's own list and report paths with
``?format=csv|xlsx`` (an endpoint that answers a file for the same filters as its JSON;
the gateway's anonymous limits and the endpoint's access rules apply as to any call).

Only the endpoints that take a ``format`` are linked: the member registry, the fulfilment,
growth and deep-processing KPIs, the localization statistics, the supply catalogue and its
suppliers (the on-time reporting KPI answers JSON only).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

FORMATS = ("csv", "xlsx")
MEMBERS = "/api/v1/membership/members"
KPIS = "/api/v1/production/kpis"
LOCALIZATION = "/api/v1/supply/stats/localization"
ITEMS = "/api/v1/supply/items"
SUPPLIERS = "/api/v1/supply/suppliers"


def links(path: str, filters: Mapping[str, object] | None = None) -> list[dict[str, str]]:
    """A link per format to ``path`` for ``filters`` (empty ones left out)."""
    kept = [(k, str(v)) for k, v in (filters or {}).items() if v not in (None, "")]
    return [
        {"format": f, "label": f.upper(), "href": f"{path}?{urlencode([*kept, ('format', f)])}"}
        for f in FORMATS
    ]


def front_page(year: int) -> dict[str, list[dict[str, str]]]:
    """The front page's cards, each with its export for the page's year."""
    cathode = {"year": year, "metric": "cathode_output"}
    return {
        "deep": links(f"{KPIS}/deep-processing", {"year": year}),
        "fulfilment": links(f"{KPIS}/fulfilment", cathode),
        "growth": links(f"{KPIS}/growth", {**cathode, "rollup": "year"}),
        "members": links(MEMBERS, {"status": "active"}),
        "local": links(LOCALIZATION, {"year": year}),
    }
