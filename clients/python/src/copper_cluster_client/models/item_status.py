from enum import StrEnum


class ItemStatus(StrEnum):
    DELISTED = "delisted"
    LISTED = "listed"

    def __str__(self) -> str:
        return str(self.value)
