"""Token buckets: per API key, per client address for anonymous calls, and a tighter one
for anonymous application submits.

``TokenBuckets`` live in one gateway instance's memory; ``gateway.proxy.limiter`` keeps them
in Redis instead when several instances must share one limit, and falls back to these.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    name: str
    rate: float  # tokens added per second
    burst: int  # bucket size: the most requests at once

    @property
    def policy(self) -> str:
        """``RateLimit-Policy`` (draft-ietf-httpapi-ratelimit-headers): quota per window."""
        window = max(1, math.ceil(self.burst / self.rate))
        return f'"{self.name}";q={self.burst};w={window}'


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: Limit
    remaining: int
    reset_seconds: int  # until the bucket is full again (or, when refused, until 1 token)

    def headers(self) -> list[tuple[bytes, bytes]]:
        """``RateLimit`` and ``RateLimit-Policy`` (a refusal's ``Retry-After`` comes with the
        rate-limited problem)."""
        return [
            (b"ratelimit-policy", self.limit.policy.encode()),
            (
                b"ratelimit",
                f'"{self.limit.name}";r={self.remaining};t={self.reset_seconds}'.encode(),
            ),
        ]


def decided(limit: Limit, allowed: bool, tokens: float) -> Decision:
    """The decision of a bucket left with ``tokens`` (wherever the bucket is kept)."""
    if allowed:
        reset = math.ceil((limit.burst - tokens) / limit.rate)
    else:
        reset = max(1, math.ceil((1.0 - tokens) / limit.rate))
    return Decision(allowed, limit, int(tokens), reset)


class TokenBuckets:
    def __init__(self, *, max_buckets: int = 100_000):
        self.max_buckets = max_buckets
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}

    def take(self, limit: Limit, who: str) -> Decision:
        now = time.monotonic()
        key = (limit.name, who)
        tokens, last = self._buckets.get(key, (float(limit.burst), now))
        tokens = min(float(limit.burst), tokens + (now - last) * limit.rate)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        if len(self._buckets) >= self.max_buckets and key not in self._buckets:
            self._evict_full(now)
        self._buckets[key] = (tokens, now)
        return decided(limit, allowed, tokens)

    def _evict_full(self, now: float) -> None:
        # A bucket idle long enough to be full again is the same as no bucket.
        self._buckets = {
            key: (tokens, last) for key, (tokens, last) in self._buckets.items() if now - last < 60
        }
        if len(self._buckets) >= self.max_buckets:
            self._buckets.clear()
