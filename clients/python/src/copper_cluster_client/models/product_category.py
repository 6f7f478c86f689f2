from enum import StrEnum


class ProductCategory(StrEnum):
    CABLE_WIRE = "cable_wire"
    CHEMICAL_REAGENTS = "chemical_reagents"
    COPPER_POWDER = "copper_powder"
    EQUIPMENT_MECHANISMS = "equipment_mechanisms"
    EV_PARTS_CHARGERS = "ev_parts_chargers"
    FITTINGS = "fittings"
    PIPES = "pipes"
    RENEWABLE_ENERGY = "renewable_energy"

    def __str__(self) -> str:
        return str(self.value)
