"""Code lists every service shares: the cluster speaks in them on every API and event."""

from enum import StrEnum
from typing import Annotated

from pydantic import Field


class Region(StrEnum):
    """Uzbekistan's regions, ISO 3166-2:UZ."""

    ANDIJAN = "UZ-AN"
    BUKHARA = "UZ-BU"
    FERGANA = "UZ-FA"
    JIZZAKH = "UZ-JI"
    NAMANGAN = "UZ-NG"
    NAVOI = "UZ-NW"
    KASHKADARYA = "UZ-QA"
    KARAKALPAKSTAN = "UZ-QR"
    SAMARKAND = "UZ-SA"
    SYRDARYA = "UZ-SI"
    SURKHANDARYA = "UZ-SU"
    TASHKENT_CITY = "UZ-TK"
    TASHKENT_REGION = "UZ-TO"
    KHOREZM = "UZ-XO"


Stir = Annotated[
    str,
    Field(pattern=r"^\d{9}$", description="STIR (INN): exactly 9 digits", examples=["300000017"]),
]

HsCode = Annotated[
    str,
    Field(
        pattern=r"^\d{4}(\.?\d{2}){0,3}$",
        description="Harmonized System code, 4 to 10 digits (dots allowed)",
        examples=["8544.49"],
    ),
]
