"""The limiter's own rules: the share of a limit while Redis is away, and the back-off."""

from __future__ import annotations

import time

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from gateway.proxy.limiter import BACKOFF_MAX, BACKOFF_MIN, RateLimiter, _pool_busy
from gateway.proxy.ratelimit import Limit

SUBMIT = Limit("anonymous-submit", rate=10 / 60, burst=5)


def test_the_fallback_share_is_the_limit_divided_rounded_down() -> None:
    limiter = RateLimiter(redis_url="redis://127.0.0.1:1/0", instances=2)
    share = limiter._local_limit(SUBMIT)
    assert (share.name, share.burst) == ("anonymous-submit", 2)
    assert share.rate == pytest.approx(5 / 60)
    assert limiter._local_limit(Limit("tiny", rate=1, burst=1)).burst == 1  # never 0
    # Without Redis configured, or with one instance, local buckets hold the whole limit.
    assert RateLimiter(instances=2)._local_limit(SUBMIT) is SUBMIT
    assert RateLimiter(redis_url="redis://x", instances=1)._local_limit(SUBMIT) is SUBMIT


def test_failed_calls_back_off_doubling_and_one_caller_probes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    limiter = RateLimiter(redis_url="redis://127.0.0.1:1/0", instances=2)
    assert limiter._may_call()
    limiter._failed(ConnectionRefusedError("refused"))
    assert not limiter.reachable
    assert "ConnectionRefusedError" in limiter.problem
    waits = []
    for _ in range(6):
        assert not limiter._may_call()
        waited = limiter._retry_at - now[0]
        waits.append(waited)
        now[0] += waited
        assert limiter._may_call()  # this caller probes...
        assert not limiter._may_call()  # ...the others do not, meanwhile
        limiter._failed(TimeoutError())
    assert waits == [BACKOFF_MIN, 1.0, 2.0, 4.0, BACKOFF_MAX, BACKOFF_MAX]
    limiter._succeeded()
    assert limiter.reachable
    assert limiter._may_call()
    assert limiter._backoff == BACKOFF_MIN


def test_a_busy_pool_is_not_redis_being_away() -> None:
    busy = RedisConnectionError("No connection available.")
    busy.__cause__ = TimeoutError()
    assert _pool_busy(busy)
    assert not _pool_busy(RedisConnectionError("Connection refused"))
    assert not _pool_busy(TimeoutError())
