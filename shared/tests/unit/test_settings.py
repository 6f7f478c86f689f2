import pytest
from pydantic import SecretStr, ValidationError
from pydantic_settings import SettingsConfigDict

from clusterkit.settings import ServiceSettings


class ExampleSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EXAMPLE_", extra="ignore")


def test_reads_its_own_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXAMPLE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
    monkeypatch.setenv("OTHER_KAFKA_BOOTSTRAP_SERVERS", "elsewhere:1")
    assert ExampleSettings().kafka_bootstrap_servers == "kafka:9092"


def test_dev_accepts_the_placeholder_secret() -> None:
    settings = ExampleSettings(environment="dev")
    assert "change-me" in settings.internal_token_secret.get_secret_value()


@pytest.mark.parametrize(
    "secret", ["dev-only-internal-token-secret-change-me", "short", "x" * 40 + "changeme"]
)
def test_prod_refuses_placeholder_or_short_secrets(secret: str) -> None:
    with pytest.raises(ValidationError, match="internal_token_secret"):
        ExampleSettings(environment="prod", internal_token_secret=SecretStr(secret))


def test_prod_accepts_a_real_secret() -> None:
    real = "k3J9vQ2xLr8TzW1mN5bY7cH4dF6gS0aE"
    settings = ExampleSettings(environment="prod", internal_token_secret=SecretStr(real))
    assert settings.internal_token_secret.get_secret_value() == real
