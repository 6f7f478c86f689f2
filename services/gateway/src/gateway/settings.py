import json
from typing import Annotated

from cryptography.fernet import Fernet
from pydantic import SecretStr, field_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from clusterkit.i18n import Language
from clusterkit.settings import ServiceSettings


class GatewaySettings(ServiceSettings):
    # hide_input_in_errors: a refused value (a key list with one bad key) is not echoed into
    # the start-up error, where the good keys would be in clear.
    model_config = SettingsConfigDict(
        env_prefix="GATEWAY_", extra="ignore", hide_input_in_errors=True
    )

    membership_url: str = "http://127.0.0.1:8001"
    production_url: str = "http://127.0.0.1:8002"
    supply_url: str = "http://127.0.0.1:8003"
    # Several instances of a service: their URLs, comma-separated (or a JSON list), called
    # in turn; when empty, the one *_URL above.
    membership_urls: Annotated[list[str], NoDecode] = []
    production_urls: Annotated[list[str], NoDecode] = []
    supply_urls: Annotated[list[str], NoDecode] = []
    upstream_timeout_seconds: float = 30.0
    upstream_connections: int = 200
    # A verified key is remembered this long; a revocation takes effect on other gateway
    # instances within it (at once on the instance that revoked it).
    key_cache_seconds: float = 5.0
    max_body_bytes: int = 10 * 1024 * 1024
    # A document upload (multipart, streamed through): the file up to this many bytes.
    max_document_bytes: int = 20 * 1024 * 1024
    # Token buckets (rate per second, burst): shared by every gateway instance in Redis when
    # redis_url is set, else kept in each instance's memory. While Redis does not answer
    # within redis_timeout_seconds, each instance decides alone at 1/instances of a limit.
    redis_url: str | None = None
    redis_timeout_seconds: float = 0.1
    instances: int = 1
    # Balancers in front (CIDRs, comma-separated): only their X-Forwarded-For names the
    # client an anonymous limit counts; anyone else's is ignored.
    trusted_proxies: Annotated[list[str], NoDecode] = []
    rate_per_key: float = 200.0
    burst_per_key: int = 400
    rate_per_anonymous_client: float = 20.0
    burst_per_anonymous_client: int = 40
    # Anonymous application submits: 10 a minute, 5 at once, per client address.
    rate_anonymous_submit: float = 10 / 60
    burst_anonymous_submit: int = 5
    breaker_threshold: int = 5
    breaker_cooldown_seconds: float = 10.0
    cors_origins: list[str] = []
    # The event feed and webhooks: the topics the gateway copies into its own schema (its
    # own events among them).
    event_topics: list[str] = [
        "membership.events",
        "production.events",
        "supply.events",
        "gateway.events",
    ]
    webhook_timeout_seconds: float = 5.0
    webhook_max_response_bytes: int = 64 * 1024
    # Retries back off exponentially (with jitter) from this base, up to an hour apart, for
    # this long after the first attempt; then the delivery is marked failed.
    webhook_retry_base_seconds: float = 5.0
    webhook_retry_for_hours: float = 24.0
    # A subscription whose deliveries have failed continuously for this long (time, not a
    # count: a backlog failing at once counts no faster) is disabled; its events keep
    # arriving and wait for it to be enabled again. 5 days.
    webhook_disable_after_seconds: float = 5 * 24 * 3600.0
    # After a secret rotation, deliveries carry the old signature beside the new one this long.
    webhook_secret_overlap_seconds: float = 24 * 3600.0
    # Fernet keys that seal webhook secrets at rest, comma-separated: the first seals, every
    # one opens (add a new key first, run `gateway-keys reseal-webhook-secrets`, then drop
    # the old). The default is a placeholder: refused outside dev and test.
    webhook_secret_keys: SecretStr = SecretStr("dev-only-webhook-secret-key-change-me-00000=")
    webhook_poll_seconds: float = 0.5
    # Webhooks may not call loopback, private or link-local addresses (SSRF guard) unless
    # this is set (local development, tests).
    webhook_allow_private_addresses: bool = False
    # Email notices: the SMTP server (Mailpit under ./dev), the sender, the platform's public
    # address for the links in them, the admins told of new applications; retries double
    # from the base up to the cap, and a notice not sent after the give-up time is a dead
    # letter. No SMTP host: notices are queued and wait.
    smtp_host: str | None = None
    smtp_port: int = 1025
    smtp_timeout_seconds: float = 10.0
    mail_from: str = "Copper Cluster Platform <notices@coppercluster.uz>"
    public_url: str = "http://127.0.0.1:8000"
    notice_admin_emails: Annotated[list[str], NoDecode] = []
    # The language of the admins' notices (none: the pages' default, ``page_language``).
    notice_admin_language: Language | None = None
    notice_retry_base_seconds: float = 5.0
    notice_retry_cap_seconds: float = 60.0
    notice_give_up_hours: float = 48.0
    notice_poll_seconds: float = 0.5
    # A notice claimed and not settled within this (its notifier stopped while sending it)
    # becomes a dead letter "in doubt" rather than being sent again.
    notice_in_doubt_seconds: float = 120.0

    @field_validator("webhook_secret_keys")
    @classmethod
    def _fernet_keys(cls, value: SecretStr) -> SecretStr:
        # Fails at start-up, not at the first delivery: each must be a Fernet key.
        keys = [k.strip() for k in value.get_secret_value().split(",") if k.strip()]
        if not keys:
            raise ValueError("give at least one Fernet key")
        for key in keys:
            try:
                Fernet(key)
            except ValueError:
                raise ValueError("each key must be a Fernet key (Fernet.generate_key())") from None
        return value

    def webhook_secret_key_list(self) -> list[str]:
        """The Fernet keys, the sealing one first."""
        return [
            k.strip() for k in self.webhook_secret_keys.get_secret_value().split(",") if k.strip()
        ]

    @field_validator(
        "membership_urls",
        "production_urls",
        "supply_urls",
        "trusted_proxies",
        "notice_admin_emails",
        mode="before",
    )
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            if value.lstrip().startswith("["):
                return json.loads(value)
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    def upstreams(self) -> dict[str, str]:
        """Each service's first instance (its only one unless *_URLS lists several)."""
        return {service: urls[0] for service, urls in self.upstream_instances().items()}

    def upstream_instances(self) -> dict[str, list[str]]:
        return {
            service: [url.rstrip("/") for url in (several or [one])]
            for service, several, one in (
                ("membership", self.membership_urls, self.membership_url),
                ("production", self.production_urls, self.production_url),
                ("supply", self.supply_urls, self.supply_url),
            )
        }
