"""A service's instances, taken in turn (round-robin), with passive health: each instance
has its own circuit breaker, fed by the proxied calls themselves.

With several instances, one failed call (refused, dropped or timed out) sets an instance
aside for the breaker's cool-down, as nginx's ``max_fails=1`` does: there is another to
call meanwhile, and its one trial call after the cool-down decides. A service with one
instance has nowhere else to go, so its breaker opens only after a run of failures.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from gateway.proxy.resilience import CircuitBreaker


@dataclass(eq=False)
class Instance:
    url: str
    breaker: CircuitBreaker = field(default_factory=CircuitBreaker)


class Upstream:
    def __init__(
        self, service: str, urls: Sequence[str], *, threshold: int = 5, cooldown: float = 10.0
    ):
        if not urls:
            raise ValueError(f"no upstream URL for {service}")
        self.service = service
        several = len(urls) > 1
        self.instances = [
            Instance(
                url.rstrip("/"),
                CircuitBreaker(threshold=1 if several else threshold, cooldown=cooldown),
            )
            for url in urls
        ]
        self._turns = itertools.count()

    def choose(
        self, tried: Collection[Instance] = (), *, untried_only: bool = False
    ) -> Instance | None:
        """The next instance in turn whose breaker lets a call through, preferring one not
        in ``tried``; None when none may be called."""
        count = len(self.instances)
        start = next(self._turns) % count
        in_turn = [self.instances[(start + i) % count] for i in range(count)]
        for instance in in_turn:
            # allow() is asked only of a candidate: it may hand out a half-open trial.
            if instance not in tried and instance.breaker.allow():
                return instance
        if untried_only:
            return None
        for instance in in_turn:
            if instance in tried and instance.breaker.allow():
                return instance
        return None

    def retry_after(self) -> int:
        """Seconds until some instance may be called again."""
        return min(instance.breaker.retry_after() for instance in self.instances)
