from pydantic_settings import SettingsConfigDict

from clusterkit.settings import ServiceSettings


class SupplySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="SUPPLY_", extra="ignore")

    membership_events_topic: str = "membership.events"
