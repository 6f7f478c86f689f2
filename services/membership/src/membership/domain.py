"""The cluster's own vocabulary for membership (decree PP-5159; ISO 3166-2:UZ)."""

from enum import StrEnum


class Region(StrEnum):
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


class Sector(StrEnum):
    """The cluster's priority areas."""

    CABLE_WIRE = "cable_wire"
    PIPES = "pipes"
    FITTINGS = "fittings"
    COPPER_POWDER = "copper_powder"
    EV_PARTS_CHARGERS = "ev_parts_chargers"
    RENEWABLE_ENERGY = "renewable_energy"
    CHEMICAL_REAGENTS = "chemical_reagents"
    EQUIPMENT_MECHANISMS = "equipment_mechanisms"
    TRAINING = "training"


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"


class Unit(StrEnum):
    """UN/ECE Recommendation 20 codes used in the cluster."""

    TNE = "TNE"
    KGM = "KGM"
    KMT = "KMT"
    MTR = "MTR"
    H87 = "H87"
