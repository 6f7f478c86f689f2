from enum import StrEnum


class ReportingStatusState(StrEnum):
    LATE = "late"
    MISSING = "missing"
    ON_TIME = "on_time"
    RETURNED = "returned"

    def __str__(self) -> str:
        return str(self.value)
