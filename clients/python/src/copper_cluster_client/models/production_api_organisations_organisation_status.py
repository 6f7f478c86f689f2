from enum import StrEnum


class ProductionApiOrganisationsOrganisationStatus(StrEnum):
    ACTIVE = "active"
    EXPELLED = "expelled"
    SUSPENDED = "suspended"

    def __str__(self) -> str:
        return str(self.value)
