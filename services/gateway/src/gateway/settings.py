from pydantic_settings import SettingsConfigDict

from clusterkit.settings import ServiceSettings


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    membership_url: str = "http://127.0.0.1:8001"
    production_url: str = "http://127.0.0.1:8002"
    supply_url: str = "http://127.0.0.1:8003"
    upstream_timeout_seconds: float = 30.0
    upstream_connections: int = 200
    # A verified key is remembered this long; a revocation takes effect on other gateway
    # instances within it (at once on the instance that revoked it).
    key_cache_seconds: float = 5.0
    max_body_bytes: int = 10 * 1024 * 1024
    # Token buckets (rate per second, burst), kept per gateway instance.
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
    # A subscription whose deliveries failed this many times in a row is disabled (its
    # events keep arriving and wait for it to be enabled again).
    webhook_disable_after_failures: int = 50
    webhook_poll_seconds: float = 0.5
    # Webhooks may not call loopback, private or link-local addresses (SSRF guard) unless
    # this is set (local development, tests).
    webhook_allow_private_addresses: bool = False

    def upstreams(self) -> dict[str, str]:
        return {
            "membership": self.membership_url.rstrip("/"),
            "production": self.production_url.rstrip("/"),
            "supply": self.supply_url.rstrip("/"),
        }
