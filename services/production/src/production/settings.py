"""Production's settings: the service's own on top of every service's (``PRODUCTION_*``)."""

from pydantic_settings import SettingsConfigDict

from clusterkit.settings import ServiceSettings


class ProductionSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PRODUCTION_", extra="ignore")

    membership_events_topic: str = "membership.events"
