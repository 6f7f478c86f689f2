from pydantic_settings import SettingsConfigDict

from clusterkit.settings import ServiceSettings


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    membership_url: str = "http://127.0.0.1:8001"
    production_url: str = "http://127.0.0.1:8002"
    supply_url: str = "http://127.0.0.1:8003"
    upstream_timeout_seconds: float = 30.0
    upstream_connections: int = 200
    # A verified key is remembered this long; a revocation takes effect within it.
    key_cache_seconds: float = 5.0

    def upstreams(self) -> dict[str, str]:
        return {
            "membership": self.membership_url.rstrip("/"),
            "production": self.production_url.rstrip("/"),
            "supply": self.supply_url.rstrip("/"),
        }
