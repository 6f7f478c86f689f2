from enum import StrEnum


class SupplyContactLanguageType0(StrEnum):
    EN = "en"
    RU = "ru"
    UZ = "uz"

    def __str__(self) -> str:
        return str(self.value)
