from enum import StrEnum


class ApiKeyRole(StrEnum):
    ADMIN = "admin"
    MEMBER = "member"
    PROCUREMENT = "procurement"
    SUPPLIER = "supplier"

    def __str__(self) -> str:
        return str(self.value)
