"""Where webhooks may not go (SSRF guard): checked when a URL is saved and again when sending,
since a name may resolve elsewhere by then."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from clusterkit.i18n import N_
from gateway.settings import GatewaySettings

# Why a URL is not called: a msgid and its parameters (a field error's message).
Refusal = tuple[str, dict[str, str]]


async def refusal(url: str, settings: GatewaySettings) -> Refusal | None:
    """Why ``url`` may not be called, or None when it may."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:  # a bracketed host that is no IPv6 address, a port out of range
        return N_("not a URL"), {}
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return N_("only http and https URLs with a host name are called"), {}
    if settings.webhook_allow_private_addresses:
        return None
    host = parts.hostname.lower()
    internal = {urlsplit(u).hostname for u in settings.upstreams().values()} | {"localhost"}
    if host in internal:
        return N_("the platform's own addresses are not called"), {}
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return N_("{host} does not resolve"), {"host": host}
    for *_, address in infos:
        ip = ipaddress.ip_address(address[0])
        if not ip.is_global:
            return N_("{host} resolves to a non-public address ({ip})"), {
                "host": host,
                "ip": str(ip),
            }
    return None
