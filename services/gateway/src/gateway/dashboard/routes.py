"""The dashboard's routes: the pages and the forms, over the proxy's session to the
services (see ``client``)."""

from __future__ import annotations

from fastapi import APIRouter

from gateway.dashboard.client import Services
from gateway.dashboard.forms import forms_router
from gateway.dashboard.pages import pages_router
from gateway.proxy.proxy import Proxy


def dashboard_router(proxy: Proxy) -> APIRouter:
    services = Services(proxy)
    router = APIRouter(include_in_schema=False)
    router.include_router(pages_router(services))
    router.include_router(forms_router(proxy, services))
    return router
