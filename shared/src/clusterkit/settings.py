"""Settings base: every service reads its own environment prefix (``MEMBERSHIP_`` ...)."""

from __future__ import annotations

from typing import Literal

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from clusterkit.i18n import Language

Environment = Literal["dev", "test", "prod"]

# Values that mark a secret as "not chosen yet"; refused outside dev and test.
PLACEHOLDER_MARKERS = ("change-me", "changeme", "changethis", "placeholder", "secret", "dev-only")
MIN_SECRET_LENGTH = 32


class ServiceSettings(BaseSettings):
    """Common settings; a service subclasses it and sets ``env_prefix``.

    Outside ``dev`` and ``test`` a secret that is short or looks like a placeholder stops
    the service at start-up rather than running with a guessable key.
    """

    model_config = SettingsConfigDict(extra="ignore", env_file=None)

    environment: Environment = "dev"
    database_url: str = "postgresql+asyncpg://127.0.0.1:5432/cluster"
    database_pool_size: int = 10  # the process's one pool: connections at most
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    internal_token_secret: SecretStr = SecretStr("dev-only-internal-token-secret-change-me")
    # Outbox relay and consumers run inside the service process; a deployment may turn them
    # off for API-only replicas. Safe with N instances either way.
    run_workers: bool = True
    log_level: str = "INFO"
    # On SIGTERM the instance answers /readyz 503 "draining" and keeps serving this long
    # before it stops accepting connections, so balancers and gateways stop sending first.
    shutdown_drain_seconds: float = 3.0
    # The language of an answer whose request asks for none we speak (Accept-Language,
    # the pages' switch): the API's problems, and the pages people read.
    api_language: Language = "en"
    page_language: Language = "uz"

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> ServiceSettings:
        if self.environment in ("dev", "test"):
            return self
        for name, value in self:
            if isinstance(value, SecretStr):
                secret = value.get_secret_value()
                lowered = secret.lower()
                if len(secret) < MIN_SECRET_LENGTH or any(
                    m in lowered for m in PLACEHOLDER_MARKERS
                ):
                    raise ValueError(
                        f"{name} is a placeholder or shorter than {MIN_SECRET_LENGTH} characters; "
                        f"set a real secret for environment={self.environment}"
                    )
        return self
