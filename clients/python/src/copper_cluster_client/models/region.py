from enum import StrEnum


class Region(StrEnum):
    UZ_AN = "UZ-AN"
    UZ_BU = "UZ-BU"
    UZ_FA = "UZ-FA"
    UZ_JI = "UZ-JI"
    UZ_NG = "UZ-NG"
    UZ_NW = "UZ-NW"
    UZ_QA = "UZ-QA"
    UZ_QR = "UZ-QR"
    UZ_SA = "UZ-SA"
    UZ_SI = "UZ-SI"
    UZ_SU = "UZ-SU"
    UZ_TK = "UZ-TK"
    UZ_TO = "UZ-TO"
    UZ_XO = "UZ-XO"

    def __str__(self) -> str:
        return str(self.value)
