"""Webhook secrets at rest: sealed with the first Fernet key, opened with any, sealed again
under a new first key; and the settings that hold the keys."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from gateway.settings import GatewaySettings
from gateway.webhooks.sealing import SecretBox, Unreadable

SECRET = "whsec_c2VjcmV0LWJ5dGVzLWZvci10ZXN0cw=="


def test_a_secret_is_sealed_by_the_first_key_and_opened_by_any() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    sealed_by_old = SecretBox([old]).seal(SECRET)
    assert SECRET not in sealed_by_old
    assert SecretBox([old]).open(sealed_by_old) == SECRET
    rotated = SecretBox([new, old])
    assert rotated.open(sealed_by_old) == SECRET  # the old key still opens
    resealed = rotated.reseal(sealed_by_old)
    assert SecretBox([new]).open(resealed) == SECRET  # now the new one alone does
    with pytest.raises(Unreadable):
        SecretBox([new]).open(sealed_by_old)
    with pytest.raises(Unreadable):
        SecretBox([new]).reseal(sealed_by_old)
    assert SecretBox([new]).seal(SECRET) != SecretBox([new]).seal(SECRET)  # fresh IV each


def test_the_keys_are_a_comma_separated_list_of_fernet_keys() -> None:
    first, second = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings = GatewaySettings(webhook_secret_keys=f"{first}, {second}")  # type: ignore[arg-type]
    assert settings.webhook_secret_key_list() == [first, second]
    for wrong in ("", "not-a-fernet-key", f"{first},short"):
        with pytest.raises(ValidationError, match="webhook_secret_keys") as refused:
            GatewaySettings(webhook_secret_keys=wrong)  # type: ignore[arg-type]
        assert first not in str(refused.value)  # the good key is not echoed in the error


def test_the_dev_key_is_refused_outside_dev_and_test() -> None:
    assert GatewaySettings(environment="test").webhook_secret_key_list()
    real = {"internal_token_secret": Fernet.generate_key().decode() + "x" * 8}
    with pytest.raises(ValidationError, match="webhook_secret_keys is a placeholder"):
        GatewaySettings(environment="prod", **real)  # type: ignore[arg-type]
    chosen = GatewaySettings(
        environment="prod", webhook_secret_keys=Fernet.generate_key().decode(), **real
    )  # type: ignore[arg-type]
    assert len(chosen.webhook_secret_key_list()) == 1
