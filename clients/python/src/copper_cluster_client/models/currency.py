from enum import StrEnum


class Currency(StrEnum):
    USD = "USD"
    UZS = "UZS"

    def __str__(self) -> str:
        return str(self.value)
