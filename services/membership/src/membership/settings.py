from pydantic_settings import SettingsConfigDict

from clusterkit.settings import ServiceSettings


class MembershipSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="MEMBERSHIP_", extra="ignore")

    # Documents attached to applications: at most this many bytes each.
    document_max_bytes: int = 20 * 1024 * 1024
