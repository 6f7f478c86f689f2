from enum import StrEnum


class ListOrganisationsStatusType0(StrEnum):
    ACTIVE = "active"
    EXPELLED = "expelled"
    SUSPENDED = "suspended"

    def __str__(self) -> str:
        return str(self.value)
