"""A circuit breaker per upstream service: after ``threshold`` consecutive failures to reach
it, calls fail fast (503) for ``cooldown`` seconds; then one trial call decides."""

from __future__ import annotations

import time


class CircuitBreaker:
    def __init__(self, *, threshold: int = 5, cooldown: float = 10.0):
        self.threshold = threshold
        self.cooldown = cooldown
        self.failures = 0
        self.opened_at: float | None = None
        self._trial = False

    @property
    def state(self) -> str:
        if self.opened_at is None:
            return "closed"
        return "half-open" if time.monotonic() - self.opened_at >= self.cooldown else "open"

    def allow(self) -> bool:
        state = self.state
        if state == "closed":
            return True
        if state == "half-open" and not self._trial:
            self._trial = True  # exactly one trial call while half-open
            return True
        return False

    def retry_after(self) -> int:
        if self.opened_at is None:
            return 0
        return max(1, int(self.cooldown - (time.monotonic() - self.opened_at)) + 1)

    def succeeded(self) -> None:
        self.failures = 0
        self.opened_at = None
        self._trial = False

    def failed(self) -> None:
        self.failures += 1
        if self._trial or self.failures >= self.threshold:
            self.opened_at = time.monotonic()
        self._trial = False
