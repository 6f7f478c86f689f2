from enum import StrEnum


class ListOrganisationsKindType0(StrEnum):
    MEMBER = "member"
    PRODUCER = "producer"

    def __str__(self) -> str:
        return str(self.value)
