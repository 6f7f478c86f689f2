"""Where rate-limit decisions are made: in Redis, shared by every gateway instance, when
``GATEWAY_REDIS_URL`` is set; in this instance's memory otherwise.

Each decision in Redis is one Lua script, run atomically by the server: it refills the
bucket by the time passed since its last call (Redis's own clock, the same for every
gateway), takes a token if there is one and stores the bucket with a TTL of the time it
takes to fill up again (an expired bucket and a full one are the same).

When Redis does not answer within a short timeout the instance decides locally, at the
limit divided by the number of instances, so that the cluster as a whole stays near the
limit; it tries Redis again after a back-off (doubling up to ``BACKOFF_MAX``), one request
at a time, and ``/readyz`` says "degraded" meanwhile.
"""

from __future__ import annotations

import logging
import time

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from clusterkit.app import Degraded
from gateway.proxy.ratelimit import Decision, Limit, TokenBuckets, decided

log = logging.getLogger("gateway.limiter")

BACKOFF_MIN = 0.5
BACKOFF_MAX = 5.0
POOL_CONNECTIONS = 64

BUCKET_SCRIPT = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1])
local at = tonumber(bucket[2])
if tokens == nil or at == nil then
  tokens = burst
else
  tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
end
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
return {allowed, tostring(tokens)}
"""


class SharedBuckets:
    """Token buckets in Redis (one hash per bucket: ``tokens`` and ``at``)."""

    def __init__(self, url: str, *, timeout: float, connections: int = POOL_CONNECTIONS):
        # A bounded pool: a burst of requests waits (up to ``timeout``) for a connection
        # instead of opening hundreds at once. No client-side retries: a failed call falls
        # back to local buckets at once.
        pool = aioredis.BlockingConnectionPool.from_url(
            url,
            max_connections=connections,
            timeout=timeout,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 0),
        )
        self.client = aioredis.Redis(connection_pool=pool)
        self.script = self.client.register_script(BUCKET_SCRIPT)  # EVALSHA, loaded on demand

    async def take(self, limit: Limit, who: str) -> Decision:
        allowed, tokens = await self.script(
            keys=[f"ratelimit:{limit.name}:{who}"], args=[limit.rate, limit.burst]
        )
        return decided(limit, bool(allowed), float(tokens))

    async def ping(self) -> None:
        await self.client.ping()

    async def close(self) -> None:
        await self.client.aclose()


# What "Redis is unreachable" looks like: refused or reset connections and timeouts.
UNREACHABLE = (RedisError, OSError, TimeoutError)


def _pool_busy(exc: BaseException) -> bool:
    """Every pooled connection stayed in use for the whole timeout: this gateway is busy,
    Redis is not away (that request alone is decided locally)."""
    return isinstance(exc, RedisConnectionError) and isinstance(exc.__cause__, TimeoutError)


class RateLimiter:
    def __init__(
        self, *, redis_url: str | None = None, instances: int = 1, timeout: float = 0.1
    ) -> None:
        self.shared = SharedBuckets(redis_url, timeout=timeout) if redis_url else None
        self.instances = max(1, instances)
        self.local = TokenBuckets()
        self.reachable = True
        self.problem = ""
        self._retry_at = 0.0
        self._backoff = BACKOFF_MIN
        self._fallback_limits: dict[Limit, Limit] = {}

    async def take(self, limit: Limit, who: str) -> Decision:
        if self.shared is not None and self._may_call():
            try:
                decision = await self.shared.take(limit, who)
            except UNREACHABLE as exc:
                if not _pool_busy(exc):
                    self._failed(exc)
            else:
                self._succeeded()
                return decision
        return self.local.take(self._local_limit(limit), who)

    async def check(self) -> None:
        """Readiness: degraded (still serving) while Redis is unreachable."""
        if self.shared is None:
            return
        if self._may_call():
            try:
                await self.shared.ping()
            except UNREACHABLE as exc:
                self._failed(exc)
            else:
                self._succeeded()
        if not self.reachable:
            raise Degraded(
                f"redis: {self.problem}; local buckets at 1/{self.instances} of each limit"
            )

    async def close(self) -> None:
        if self.shared is not None:
            await self.shared.close()

    def _local_limit(self, limit: Limit) -> Limit:
        if self.shared is None or self.instances == 1:
            return limit
        scaled = self._fallback_limits.get(limit)
        if scaled is None:
            # Rounded down: the instances together stay within the limit.
            burst = max(1, limit.burst // self.instances)
            scaled = Limit(limit.name, limit.rate / self.instances, burst)
            self._fallback_limits[limit] = scaled
        return scaled

    def _may_call(self) -> bool:
        if self.reachable:
            return True
        now = time.monotonic()
        if now < self._retry_at:
            return False
        # This caller probes; the others keep deciding locally until it has an answer.
        self._retry_at = now + self._backoff
        return True

    def _failed(self, exc: BaseException) -> None:
        if self.reachable:
            log.warning(
                "redis unreachable: local rate limits",
                extra={"error": repr(exc), "instances": self.instances},
            )
            self._backoff = BACKOFF_MIN
        else:
            self._backoff = min(BACKOFF_MAX, self._backoff * 2)
        self.reachable = False
        self.problem = f"{type(exc).__name__}: {exc}"[:200]
        self._retry_at = time.monotonic() + self._backoff

    def _succeeded(self) -> None:
        if not self.reachable:
            log.warning("redis reachable again: shared rate limits")
        self.reachable = True
        self.problem = ""
        self._backoff = BACKOFF_MIN
