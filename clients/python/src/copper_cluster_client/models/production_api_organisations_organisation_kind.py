from enum import StrEnum


class ProductionApiOrganisationsOrganisationKind(StrEnum):
    MEMBER = "member"
    PRODUCER = "producer"

    def __str__(self) -> str:
        return str(self.value)
