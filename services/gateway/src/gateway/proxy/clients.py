"""Who the client is, for the anonymous rate limits: the TCP peer, or, when the peer is a
trusted proxy (a balancer in front), the address that proxy saw.

``X-Forwarded-For`` is a list each proxy appends its own peer to, so only its right-hand end
is written by proxies we trust; anything to the left may be the client's own invention. We
read it from the right, skipping trusted proxies, and take the first address that is not
one. A peer we do not trust gets its header ignored: anyone could send one.
"""

from __future__ import annotations

from collections.abc import Iterable
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

from starlette.types import Scope

Address = IPv4Address | IPv6Address
UNKNOWN = "unknown"


def _address(text: str) -> Address | None:
    try:
        address = ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


class ClientAddresses:
    def __init__(self, trusted_proxies: Iterable[str] = ()):
        """``trusted_proxies``: CIDRs (``10.0.0.0/8``) or single addresses."""
        self.trusted: tuple[IPv4Network | IPv6Network, ...] = tuple(
            ip_network(cidr.strip(), strict=False) for cidr in trusted_proxies if cidr.strip()
        )

    def is_trusted(self, address: Address) -> bool:
        return any(address in network for network in self.trusted)

    def of(self, scope: Scope) -> str:
        """The client's address for a request's ASGI ``scope``."""
        client = scope.get("client")
        if not client:
            return UNKNOWN
        peer: str = client[0]
        if not self.trusted:
            return peer
        nearest = _address(peer)
        if nearest is None or not self.is_trusted(nearest):
            return peer
        forwarded = b",".join(
            value for name, value in scope["headers"] if name == b"x-forwarded-for"
        ).decode("latin-1")
        for hop in reversed(forwarded.split(",")) if forwarded else ():
            address = _address(hop)
            if address is None:
                break  # not written by a proxy of ours: nothing left of it is believable
            nearest = address
            if not self.is_trusted(address):
                break
        return str(nearest)
