from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.region import Region
from ..models.sector import Sector
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.planned_product_input import PlannedProductInput


T = TypeVar("T", bound="ApplicationSubmission")


@_attrs_define
class ApplicationSubmission:
    """What a company sends to apply for membership.

    Attributes:
        legal_name (str):
        stir (str): STIR (INN): exactly 9 digits
        region (Region): Uzbekistan's regions, ISO 3166-2:UZ.
        sectors (list[Sector]):
        requested_cathode_tpy (float | str):
        contact (Contact):
        proposal (str):
        planned_products (list[PlannedProductInput] | Unset):
    """

    legal_name: str
    stir: str
    region: Region
    sectors: list[Sector]
    requested_cathode_tpy: float | str
    contact: Contact
    proposal: str
    planned_products: list[PlannedProductInput] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        legal_name = self.legal_name

        stir = self.stir

        region = self.region.value

        sectors = []
        for sectors_item_data in self.sectors:
            sectors_item = sectors_item_data.value
            sectors.append(sectors_item)

        requested_cathode_tpy: float | str
        requested_cathode_tpy = self.requested_cathode_tpy

        contact = self.contact.to_dict()

        proposal = self.proposal

        planned_products: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.planned_products, Unset):
            planned_products = []
            for planned_products_item_data in self.planned_products:
                planned_products_item = planned_products_item_data.to_dict()
                planned_products.append(planned_products_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "legal_name": legal_name,
                "stir": stir,
                "region": region,
                "sectors": sectors,
                "requested_cathode_tpy": requested_cathode_tpy,
                "contact": contact,
                "proposal": proposal,
            }
        )
        if planned_products is not UNSET:
            field_dict["planned_products"] = planned_products

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact import Contact
        from ..models.planned_product_input import PlannedProductInput

        d = dict(src_dict)
        legal_name = d.pop("legal_name")

        stir = d.pop("stir")

        region = Region(d.pop("region"))

        sectors = []
        _sectors = d.pop("sectors")
        for sectors_item_data in _sectors:
            sectors_item = Sector(sectors_item_data)

            sectors.append(sectors_item)

        def _parse_requested_cathode_tpy(data: object) -> float | str:
            return cast(float | str, data)

        requested_cathode_tpy = _parse_requested_cathode_tpy(d.pop("requested_cathode_tpy"))

        contact = Contact.from_dict(d.pop("contact"))

        proposal = d.pop("proposal")

        _planned_products = d.pop("planned_products", UNSET)
        planned_products: list[PlannedProductInput] | Unset = UNSET
        if _planned_products is not UNSET:
            planned_products = []
            for planned_products_item_data in _planned_products:
                planned_products_item = PlannedProductInput.from_dict(planned_products_item_data)

                planned_products.append(planned_products_item)

        application_submission = cls(
            legal_name=legal_name,
            stir=stir,
            region=region,
            sectors=sectors,
            requested_cathode_tpy=requested_cathode_tpy,
            contact=contact,
            proposal=proposal,
            planned_products=planned_products,
        )

        return application_submission
