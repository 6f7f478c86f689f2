"""Webhook secrets at rest: sealed with Fernet under the settings' keys (``MultiFernet``: the
first key seals, every key opens), so the database holds no secret in clear. Rotating the
keys: put the new one first, run ``gateway-keys reseal-webhook-secrets``, then drop the old.
See docs/decisions/0008-webhook-secrets-streaks-and-lock-order.md.
"""

from __future__ import annotations

import functools
import uuid

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from clusterkit.unit_of_work import Transactions, UnitOfWork
from gateway.settings import GatewaySettings
from gateway.webhooks import queries


class Unreadable(Exception):
    """A sealed secret that none of the configured keys opens (a key dropped too early)."""


class SecretBox:
    def __init__(self, keys: list[str]):
        self._fernet = MultiFernet([Fernet(key) for key in keys])

    def seal(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode()).decode()

    def open(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken:
            raise Unreadable("no configured key opens this webhook secret") from None

    def reseal(self, sealed: str) -> str:
        """The same secret sealed again under the first key."""
        try:
            return self._fernet.rotate(sealed.encode()).decode()
        except InvalidToken:
            raise Unreadable("no configured key opens this webhook secret") from None


@functools.lru_cache(maxsize=4)
def _box(keys: tuple[str, ...]) -> SecretBox:
    return SecretBox(list(keys))


def box_of(settings: GatewaySettings) -> SecretBox:
    """The settings' box (made once per set of keys)."""
    return _box(tuple(settings.webhook_secret_key_list()))


BATCH = 500


async def _seal_clear_batch(uow: UnitOfWork, box: SecretBox) -> int:
    rows = await uow.fetch(queries.CLEAR, limit=BATCH)
    await uow.execute_many(
        queries.SEAL, [{"webhook_id": r["id"], "sealed": box.seal(r["secret"])} for r in rows]
    )
    return len(rows)


async def seal_clear_secrets(write: Transactions, box: SecretBox) -> int:
    """Seal every secret an older release stored in clear and empty its clear column (a
    transaction per batch); how many."""
    total = 0
    while sealed := await write(_seal_clear_batch, box):
        total += sealed
    return total


async def _reseal_batch(uow: UnitOfWork, box: SecretBox, after: uuid.UUID) -> list[uuid.UUID]:
    rows = await uow.fetch(queries.SEALED_AFTER, after=after, limit=BATCH)
    changed = []
    for row in rows:
        current = row["secret_sealed"]
        previous = row["previous_secret_sealed"]
        changed.append(
            {
                "webhook_id": row["id"],
                "sealed": box.seal(row["secret"]) if current is None else box.reseal(current),
                "previous": None if previous is None else box.reseal(previous),
            }
        )
    await uow.execute_many(queries.RESEAL, changed)
    return [row["id"] for row in rows]


async def reseal_all(write: Transactions, box: SecretBox) -> int:
    """Every subscription's secrets sealed again under the first key (clear ones sealed), a
    transaction per batch in id order; how many subscriptions. After it, the other keys
    may be dropped from the settings."""
    total, after = 0, uuid.UUID(int=0)
    while done := await write(_reseal_batch, box, after):
        total += len(done)
        after = done[-1]
    return total
