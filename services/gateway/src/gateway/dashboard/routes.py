"""The dashboard's routes: the pages and the forms, over the proxy's session to the
services (see ``client``)."""

from __future__ import annotations

from clusterkit.routing import Router
from gateway.dashboard.client import Services
from gateway.dashboard.forms import forms_router
from gateway.dashboard.pages import pages_router
from gateway.proxy.proxy import Proxy


def dashboard_router(proxy: Proxy) -> Router:
    services = Services(proxy)
    router = Router(include_in_schema=False)
    router.include_router(pages_router(services))
    router.include_router(forms_router(proxy, services))
    return router
