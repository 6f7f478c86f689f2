from enum import StrEnum


class Sort(StrEnum):
    LEAD_TIME = "lead_time"
    PRICE = "price"

    def __str__(self) -> str:
        return str(self.value)
