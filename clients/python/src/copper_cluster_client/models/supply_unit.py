from enum import StrEnum


class SupplyUnit(StrEnum):
    H87 = "H87"
    KGM = "KGM"
    KMT = "KMT"
    LTR = "LTR"
    MTQ = "MTQ"
    MTR = "MTR"
    SET = "SET"
    TNE = "TNE"

    def __str__(self) -> str:
        return str(self.value)
