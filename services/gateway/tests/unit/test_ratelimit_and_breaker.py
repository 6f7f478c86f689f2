"""The proxy's pure rules: token buckets and the circuit breaker."""

import time

import pytest

from gateway.proxy.ratelimit import Limit, TokenBuckets
from gateway.proxy.resilience import CircuitBreaker


def test_a_bucket_allows_its_burst_then_refuses_with_a_retry_time() -> None:
    buckets = TokenBuckets()
    limit = Limit("anonymous", rate=1.0, burst=3)
    decisions = [buckets.take(limit, "10.0.0.1") for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions[:3]] == [2, 1, 0]
    assert decisions[3].reset_seconds == 1  # the refusal's Retry-After
    refused = dict(decisions[3].headers())
    assert refused[b"ratelimit-policy"] == b'"anonymous";q=3;w=3'
    assert refused[b"ratelimit"] == b'"anonymous";r=0;t=1'
    # another client has its own bucket
    assert buckets.take(limit, "10.0.0.2").allowed


def test_a_bucket_refills_at_its_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    buckets = TokenBuckets()
    limit = Limit("per-key", rate=2.0, burst=2)
    assert buckets.take(limit, "k").allowed
    assert buckets.take(limit, "k").allowed
    assert not buckets.take(limit, "k").allowed
    now[0] += 0.5  # one token back
    assert buckets.take(limit, "k").allowed
    assert not buckets.take(limit, "k").allowed


def test_the_breaker_opens_after_the_threshold_and_tries_once_after_the_cooldown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [0.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    breaker = CircuitBreaker(threshold=2, cooldown=10)
    breaker.failed()
    assert breaker.allow()
    breaker.failed()
    assert breaker.state == "open"
    assert not breaker.allow()
    assert breaker.retry_after() == 11
    now[0] = 10.0
    assert breaker.allow()  # the one trial
    assert not breaker.allow()
    breaker.failed()  # the trial failed: open again
    assert breaker.state == "open"
    now[0] = 20.0
    assert breaker.allow()
    breaker.succeeded()
    assert breaker.state == "closed"
    assert breaker.allow()
