"""Where webhooks may not go (SSRF guard): checked when a URL is saved and again when sending,
since a name may resolve elsewhere by then."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from gateway.settings import GatewaySettings


async def refusal(url: str, settings: GatewaySettings) -> str | None:
    """Why ``url`` may not be called, or None when it may."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:  # a bracketed host that is no IPv6 address, a port out of range
        return "not a URL"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "only http and https URLs with a host name are called"
    if settings.webhook_allow_private_addresses:
        return None
    host = parts.hostname.lower()
    internal = {urlsplit(u).hostname for u in settings.upstreams().values()} | {"localhost"}
    if host in internal:
        return "the platform's own addresses are not called"
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return f"{host} does not resolve"
    for *_, address in infos:
        ip = ipaddress.ip_address(address[0])
        if not ip.is_global:
            return f"{host} resolves to a non-public address ({ip})"
    return None
