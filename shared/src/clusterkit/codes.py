"""Code lists every service shares: the cluster speaks in them on every API and event; and
the names of every code list, in the three languages (``CODE_LISTS``)."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from clusterkit.i18n import N_, NC_, pgettext


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


# A contact's address: one @, a dot in the domain, no spaces; whether it receives mail
# only sending can tell, so nothing stricter is checked.
Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]

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


@dataclass(frozen=True)
class CodeList:
    """A code list as people read it: each code's English name (a msgid), in order."""

    name: str
    description: str
    names: Mapping[str, str]

    def items(self, language: str | None) -> list[dict[str, str]]:
        return [{"code": c, "name": self.name_of(c, language)} for c in self.names]

    def name_of(self, code: str, language: str | None = None) -> str:
        """A code's name in ``language`` (the list's name is its context: ``NC_``); an
        unknown code as it is."""
        if code not in self.names:
            return code
        return pgettext(language, self.name, self.names[code])


# The names of every code the cluster speaks in, one list each: what the pages show and
# GET /api/v1/codes/{list} answers. The services' enums hold the same codes (a test says so).
_PRIORITY_AREAS = {
    "cable_wire": N_("Cable and wire"),
    "pipes": N_("Pipes"),
    "fittings": N_("Fittings"),
    "copper_powder": N_("Copper powder"),
    "ev_parts_chargers": N_("EV parts and chargers"),
    "renewable_energy": N_("Renewable energy"),
    "chemical_reagents": N_("Chemical reagents"),
    "equipment_mechanisms": N_("Equipment and mechanisms"),
}
CODE_LISTS: dict[str, CodeList] = {
    c.name: c
    for c in (
        CodeList(
            "regions",
            "Uzbekistan's regions (ISO 3166-2:UZ), as their people write them.",
            {
                Region.ANDIJAN: N_("Andijan Region"),
                Region.BUKHARA: N_("Bukhara Region"),
                Region.FERGANA: N_("Fergana Region"),
                Region.JIZZAKH: N_("Jizzakh Region"),
                Region.NAMANGAN: N_("Namangan Region"),
                Region.NAVOI: N_("Navoi Region"),
                Region.KASHKADARYA: N_("Kashkadarya Region"),
                Region.KARAKALPAKSTAN: N_("Republic of Karakalpakstan"),
                Region.SAMARKAND: N_("Samarkand Region"),
                Region.SYRDARYA: N_("Syrdarya Region"),
                Region.SURKHANDARYA: N_("Surkhandarya Region"),
                Region.TASHKENT_CITY: N_("Tashkent City"),
                Region.TASHKENT_REGION: N_("Tashkent Region"),
                Region.KHOREZM: N_("Khorezm Region"),
            },
        ),
        CodeList(
            "sectors",
            "The cluster's priority areas: a member's sectors (membership).",
            {**_PRIORITY_AREAS, "training": N_("Training")},
        ),
        CodeList(
            "product-categories",
            "The priority areas that make products: production's product categories.",
            _PRIORITY_AREAS,
        ),
        CodeList(
            "categories",
            "The localization program's categories of the supply catalogue (supply).",
            {
                "reagent": N_("Reagents"),
                "equipment": N_("Equipment"),
                "mechanism": N_("Mechanisms"),
                "spare_part": N_("Spare parts"),
                "material": N_("Materials"),
            },
        ),
        CodeList(
            "metrics",
            "What members report and the KPIs are made of (production).",
            {
                "cathode_output": N_("Cathode copper output"),
                "copper_processed": N_("Copper processed"),
                "product_output": N_("Product output"),
                "export_value": N_("Export value"),
                "industrial_output_value": N_("Industrial output value"),
                "local_purchases_value": N_("Local purchases value"),
            },
        ),
        CodeList(
            "units",
            "UN/ECE Recommendation 20 units of quantities, capacities and purchases.",
            {
                "TNE": N_("tonne"),
                "KGM": N_("kilogram"),
                "KMT": N_("kilometre"),
                "MTR": N_("metre"),
                "H87": N_("piece"),
                "LTR": N_("litre"),
                "MTQ": N_("cubic metre"),
                "SET": N_("set"),
            },
        ),
        CodeList(
            "currencies",
            "ISO 4217 currencies of prices and values.",
            {"UZS": N_("Uzbek sum"), "USD": N_("US dollar")},
        ),
        CodeList(
            "application-states",
            "A membership application's states.",
            {
                "submitted": N_("Submitted"),
                "under_review": N_("Under review"),
                "info_requested": N_("Information requested"),
                "approved": N_("Approved"),
                "rejected": N_("Rejected"),
                "withdrawn": N_("Withdrawn"),
            },
        ),
        CodeList(
            "member-states",
            "A member's standing in the registry.",
            {"active": N_("Active"), "suspended": N_("Suspended"), "expelled": N_("Expelled")},
        ),
        CodeList(
            "supplier-states",
            "A supplier's verification.",
            {"pending": N_("Pending"), "verified": N_("Verified"), "suspended": N_("Suspended")},
        ),
        CodeList(
            "item-states",
            "A catalogue item's listing.",
            {"listed": N_("Listed"), "delisted": N_("Delisted")},
        ),
        CodeList(
            "request-states",
            "A request for quotation's states.",
            {"open": N_("Open"), "closed": N_("Closed"), "cancelled": N_("Cancelled")},
        ),
        CodeList(
            "offer-states",
            "A supplier's offer's states.",
            {
                "live": N_("Live"),
                "replaced": N_("Replaced"),
                "withdrawn": NC_("offer-states", "Withdrawn"),
                "declined": N_("Declined"),
                "accepted": N_("Accepted"),
            },
        ),
        CodeList(
            "order-states",
            "A supply order's states.",
            {
                "placed": N_("Placed"),
                "confirmed": N_("Confirmed"),
                "shipped": N_("Shipped"),
                "delivered": N_("Delivered"),
                "cancelled": N_("Cancelled"),
            },
        ),
    )
}
