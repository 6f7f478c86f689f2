"""What the pages call the cluster's codes: regions, sectors, categories, application states,
and hints for the fields people most often get wrong."""

from __future__ import annotations

from clusterkit.codes import Region

REGIONS = {
    Region.ANDIJAN: "Andijan",
    Region.BUKHARA: "Bukhara",
    Region.FERGANA: "Fergana",
    Region.JIZZAKH: "Jizzakh",
    Region.NAMANGAN: "Namangan",
    Region.NAVOI: "Navoi",
    Region.KASHKADARYA: "Kashkadarya",
    Region.KARAKALPAKSTAN: "Karakalpakstan",
    Region.SAMARKAND: "Samarkand",
    Region.SYRDARYA: "Syrdarya",
    Region.SURKHANDARYA: "Surkhandarya",
    Region.TASHKENT_CITY: "Tashkent city",
    Region.TASHKENT_REGION: "Tashkent region",
    Region.KHOREZM: "Khorezm",
}
# membership's sectors and supply's categories, in the order the cluster lists them
SECTORS = {
    "cable_wire": "Cable and wire",
    "pipes": "Pipes",
    "fittings": "Fittings",
    "copper_powder": "Copper powder",
    "ev_parts_chargers": "EV parts and chargers",
    "renewable_energy": "Renewable energy",
    "chemical_reagents": "Chemical reagents",
    "equipment_mechanisms": "Equipment and mechanisms",
    "training": "Training",
}
CATEGORIES = {
    "reagent": "Reagents",
    "equipment": "Equipment",
    "mechanism": "Mechanisms",
    "spare_part": "Spare parts",
    "material": "Materials",
}
OPEN_STATES = {
    "submitted": "Submitted",
    "under_review": "Under review",
    "info_requested": "Information requested",
}
STATUS_TEXT = {
    **OPEN_STATES,
    "approved": "Approved",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
}
# Said to people instead of the API's regular expression when a field does not match it.
HINTS = {
    "stir": "The STIR is exactly 9 digits.",
    "contact.email": "Enter an email address such as name@company.uz.",
    "contact.phone": "Enter a phone number such as +998 71 200 10 20.",
    "requested_cathode_tpy": "Enter a number of tonnes, 0 or more.",
}
