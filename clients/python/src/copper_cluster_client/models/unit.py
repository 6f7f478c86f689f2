from enum import StrEnum


class Unit(StrEnum):
    H87 = "H87"
    KGM = "KGM"
    KMT = "KMT"
    MTR = "MTR"
    TNE = "TNE"

    def __str__(self) -> str:
        return str(self.value)
