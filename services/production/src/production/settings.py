from pydantic_settings import SettingsConfigDict

from clusterkit.settings import ServiceSettings


class ProductionSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PRODUCTION_", extra="ignore")

    membership_events_topic: str = "membership.events"
