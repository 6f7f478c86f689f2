"""The codes membership speaks in (decree PP-5159; ISO 3166-2:UZ): the cluster's priority
sectors, the units of a planned capacity and the regions, shared by applications and
members."""

from enum import StrEnum

from clusterkit.codes import Region as Region  # membership speaks in the shared regions


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


class Unit(StrEnum):
    """UN/ECE Recommendation 20 codes used in the cluster."""

    TNE = "TNE"
    KGM = "KGM"
    KMT = "KMT"
    MTR = "MTR"
    H87 = "H87"
