from pydantic_settings import SettingsConfigDict

from clusterkit.settings import ServiceSettings


class MembershipSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="MEMBERSHIP_", extra="ignore")
