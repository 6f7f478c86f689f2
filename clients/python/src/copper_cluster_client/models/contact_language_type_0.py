from enum import StrEnum


class ContactLanguageType0(StrEnum):
    EN = "en"
    RU = "ru"
    UZ = "uz"

    def __str__(self) -> str:
        return str(self.value)
