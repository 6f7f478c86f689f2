from enum import StrEnum


class ExportOcdsPackage(StrEnum):
    RECORD = "record"
    RELEASE = "release"

    def __str__(self) -> str:
        return str(self.value)
