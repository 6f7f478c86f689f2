"""Supply's settings (``SUPPLY_*``): the membership topic it projects, the USD rate new
orders are placed at, and the OCID prefix of its OCDS export."""

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
    ocds_prefix: str = Field(
        "ocds-cucl01",
        pattern=r"^ocds-[a-z0-9]{6}$",
        description="The OCID prefix (registered with the Open Contracting Partnership) that "
        "makes each request's OCID: <prefix>-<request id>.",
    )

    # Documents (certificates, specifications, quotations): at most this many bytes each.
    document_max_bytes: int = 20 * 1024 * 1024
    # A certificate's supplier is told this many days before it expires; the job looks daily
    # (hourly by default, so a restart does not delay it a day).
    certificate_notice_days: int = Field(30, ge=1, le=180)
    certificate_check_seconds: float = Field(3600.0, gt=0)
