"""Supply's settings (``SUPPLY_*``): the membership topic it projects and the USD rate
new orders are placed at."""

from decimal import Decimal

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from clusterkit.settings import ServiceSettings


class SupplySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="SUPPLY_", extra="ignore")

    membership_events_topic: str = "membership.events"
    usd_uzs_rate: Decimal = Field(
        Decimal("12650"),
        gt=0,
        description="UZS per USD for orders placed in USD; each order keeps the rate it got.",
    )
