"""Production's settings: the service's own on top of every service's (``PRODUCTION_*``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from clusterkit.settings import ServiceSettings


class ProductionSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PRODUCTION_", extra="ignore")

    membership_events_topic: str = "membership.events"
    # Reporting deadlines: a month's report is due by this day of the next month, in this
    # time zone's calendar; reminders go out this many days before and on the due day.
    report_due_day: int = Field(10, ge=1, le=28)
    reporting_time_zone: str = "Asia/Tashkent"
    reminder_days_before: int = Field(3, ge=1, le=20)
    reminder_check_seconds: float = Field(3600.0, gt=0)
