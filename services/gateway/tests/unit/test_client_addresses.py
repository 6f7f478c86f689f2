"""Who the client is for the anonymous limits: X-Forwarded-For only from trusted proxies."""

from __future__ import annotations

import pytest

from gateway.proxy.clients import ClientAddresses

BALANCERS = ClientAddresses(["10.0.0.0/24", "192.168.5.5", "fd00::/8"])


def scope(peer: str | None, *forwarded: str) -> dict[str, object]:
    return {
        "client": (peer, 40000) if peer else None,
        "headers": [(b"x-forwarded-for", value.encode()) for value in forwarded],
    }


def test_without_trusted_proxies_the_peer_is_the_client_whatever_it_forwards() -> None:
    assert ClientAddresses().of(scope("10.0.0.7", "203.0.113.9")) == "10.0.0.7"
    assert ClientAddresses([]).of(scope("198.51.100.1")) == "198.51.100.1"


def test_an_untrusted_peer_cannot_choose_its_address() -> None:
    assert BALANCERS.of(scope("198.51.100.1", "203.0.113.9")) == "198.51.100.1"


def test_a_trusted_peer_names_the_client_it_saw() -> None:
    assert BALANCERS.of(scope("10.0.0.7", "203.0.113.9")) == "203.0.113.9"
    assert BALANCERS.of(scope("192.168.5.5", " 203.0.113.9 ")) == "203.0.113.9"


def test_the_right_most_untrusted_address_wins_over_what_the_client_made_up() -> None:
    # The client sent "1.2.3.4"; our balancer appended the address it really saw.
    assert BALANCERS.of(scope("10.0.0.7", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    # Two trusted hops (a CDN-like balancer, then ours) are skipped.
    assert BALANCERS.of(scope("10.0.0.7", "1.2.3.4, 203.0.113.9, 192.168.5.5")) == "203.0.113.9"
    # Several header lines are one list, in order.
    assert BALANCERS.of(scope("10.0.0.7", "1.2.3.4", "203.0.113.9, 10.0.0.8")) == "203.0.113.9"


def test_garbage_stops_the_walk_at_the_last_trusted_hop() -> None:
    assert BALANCERS.of(scope("10.0.0.7", "203.0.113.9, not-an-ip, 10.0.0.8")) == "10.0.0.8"
    assert BALANCERS.of(scope("10.0.0.7", "")) == "10.0.0.7"
    assert BALANCERS.of(scope("10.0.0.7")) == "10.0.0.7"


def test_only_trusted_hops_give_the_furthest_one() -> None:
    assert BALANCERS.of(scope("10.0.0.7", "10.0.0.9, 10.0.0.8")) == "10.0.0.9"


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("fd00::1", "2001:db8::5", "2001:db8::5"),
        ("::ffff:10.0.0.7", "203.0.113.9", "203.0.113.9"),  # IPv4-mapped peer
        ("10.0.0.7", "::ffff:203.0.113.9", "203.0.113.9"),
    ],
)
def test_ipv6_and_mapped_addresses(peer: str, forwarded: str, client: str) -> None:
    assert BALANCERS.of(scope(peer, forwarded)) == client


def test_no_peer_is_unknown() -> None:
    assert BALANCERS.of(scope(None, "203.0.113.9")) == "unknown"


def test_a_bad_cidr_fails_at_start_up() -> None:
    with pytest.raises(ValueError, match="does not appear to be"):
        ClientAddresses(["10.0.0.0/33"])
