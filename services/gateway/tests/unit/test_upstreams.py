"""A service's instances: taken in turn, set aside after a failure, retried only when safe."""

from __future__ import annotations

import time

import aiohttp
import pytest

from gateway.proxy.bodies import StreamedBody
from gateway.proxy.forwarding import DROPPED, NOT_SENT, TIMED_OUT, Outgoing, _again, _failure
from gateway.proxy.upstreams import Upstream
from gateway.settings import GatewaySettings


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    return now


def test_calls_go_round_robin() -> None:
    upstream = Upstream("membership", ["http://a/", "http://b", "http://c"])
    chosen = [upstream.choose() for _ in range(6)]
    assert [i.url for i in chosen if i] == ["http://a", "http://b", "http://c"] * 2


def test_a_failed_instance_is_skipped_for_the_cooldown_then_tried_once(
    clock: list[float],
) -> None:
    upstream = Upstream("membership", ["http://a", "http://b"], cooldown=10)
    a, b = upstream.instances
    a.breaker.failed()  # one failure is enough with another instance to call
    assert {upstream.choose() for _ in range(4)} == {b}
    clock[0] += 10
    assert [upstream.choose() for _ in range(3)] == [a, b, b]  # a's one trial, then b
    a.breaker.succeeded()
    assert {upstream.choose() for _ in range(4)} == {a, b}


def test_all_instances_failing_means_no_instance_and_a_retry_time(clock: list[float]) -> None:
    upstream = Upstream("membership", ["http://a", "http://b"], cooldown=10)
    for instance in upstream.instances:
        instance.breaker.failed()
    assert upstream.choose() is None
    assert upstream.retry_after() == 11


def test_one_instance_keeps_the_breaker_threshold() -> None:
    upstream = Upstream("supply", ["http://only"], threshold=3)
    (only,) = upstream.instances
    only.breaker.failed()
    only.breaker.failed()
    assert upstream.choose() is only
    only.breaker.failed()
    assert upstream.choose() is None


def test_another_instance_is_preferred_then_the_same_again() -> None:
    upstream = Upstream("membership", ["http://a", "http://b"], threshold=5)
    a, b = upstream.instances
    assert upstream.choose([a]) is b
    assert upstream.choose([a, b]) in (a, b)
    assert upstream.choose([a, b], untried_only=True) is None
    assert Upstream("x", ["http://one"]).choose(Upstream("x", ["http://one"]).instances) is not None


def test_single_and_several_urls_from_settings() -> None:
    one = GatewaySettings(environment="test", membership_url="http://m:1/")
    assert one.upstream_instances()["membership"] == ["http://m:1"]
    several = GatewaySettings(
        environment="test",
        membership_urls="http://m:1/, http://m:2",  # type: ignore[arg-type]
        supply_urls='["http://s:1"]',  # type: ignore[arg-type]
        trusted_proxies="10.0.0.0/8,127.0.0.1",  # type: ignore[arg-type]
    )
    assert several.upstream_instances()["membership"] == ["http://m:1", "http://m:2"]
    assert several.upstream_instances()["supply"] == ["http://s:1"]
    assert several.upstreams()["membership"] == "http://m:1"
    assert several.trusted_proxies == ["10.0.0.0/8", "127.0.0.1"]


def test_settings_lists_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_PRODUCTION_URLS", "http://p:1,http://p:2")
    monkeypatch.setenv("GATEWAY_TRUSTED_PROXIES", "127.0.0.1/32")
    settings = GatewaySettings(environment="test")
    assert settings.upstream_instances()["production"] == ["http://p:1", "http://p:2"]
    assert settings.trusted_proxies == ["127.0.0.1/32"]


def test_failures_are_told_apart() -> None:
    refused = aiohttp.ClientConnectorError(
        aiohttp.client_reqrep.ConnectionKey("h", 1, False, True, None, None, None),
        OSError(111, "refused"),
    )
    assert _failure(refused) == NOT_SENT
    assert _failure(aiohttp.ConnectionTimeoutError()) == NOT_SENT
    assert _failure(TimeoutError()) == TIMED_OUT
    assert _failure(aiohttp.SocketTimeoutError()) == TIMED_OUT
    assert _failure(aiohttp.ServerDisconnectedError()) == DROPPED


def outgoing(method: str, *headers: tuple[str, str], body: object = b"{}") -> Outgoing:
    return Outgoing(method, "/x", list(headers), body)  # type: ignore[arg-type]


def test_what_may_be_sent_again() -> None:
    upstream = Upstream("membership", ["http://a", "http://b"])
    a, b = upstream.instances
    post = outgoing("POST")
    keyed = outgoing("POST", ("Idempotency-Key", "k"))
    get = outgoing("GET", body=None)
    # nothing was sent: any request, to the other instance
    assert _again(upstream, [a], post, NOT_SENT) is b
    # sent, then dropped or timed out: only what is safe to repeat
    assert _again(upstream, [a], post, DROPPED) is None
    assert _again(upstream, [a], post, TIMED_OUT) is None
    assert _again(upstream, [a], keyed, TIMED_OUT) is b
    assert _again(upstream, [a], get, DROPPED) is b
    # a timeout is never waited out twice on the same instance
    assert _again(upstream, [a, b], get, TIMED_OUT) is None
    # at most three attempts
    assert _again(upstream, [a, b, a], get, NOT_SENT) is None


async def _no_messages() -> dict[str, object]:
    return {"type": "http.request", "body": b"", "more_body": False}


def test_a_streamed_body_is_sent_again_only_if_none_of_it_was_read() -> None:
    upstream = Upstream("membership", ["http://a", "http://b"])
    a, b = upstream.instances
    streamed = StreamedBody(_no_messages, 100)
    request = outgoing("PUT", body=streamed)
    assert not request.repeatable
    assert _again(upstream, [a], request, NOT_SENT) is b
    streamed.started = True
    assert _again(upstream, [a], request, NOT_SENT) is None
