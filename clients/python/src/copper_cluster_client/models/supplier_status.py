from enum import StrEnum


class SupplierStatus(StrEnum):
    PENDING = "pending"
    SUSPENDED = "suspended"
    VERIFIED = "verified"

    def __str__(self) -> str:
        return str(self.value)
