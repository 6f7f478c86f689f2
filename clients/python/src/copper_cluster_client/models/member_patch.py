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


T = TypeVar("T", bound="MemberPatch")


@_attrs_define
class MemberPatch:
    """Admins may change any field; a member only its own contact and planned products.

    Attributes:
        legal_name (None | str | Unset):
        region (None | Region | Unset):
        sectors (list[Sector] | None | Unset):
        contact (Contact | None | Unset):
        planned_products (list[PlannedProductInput] | None | Unset):
        cathode_quota_tpy (float | None | str | Unset):
    """

    legal_name: None | str | Unset = UNSET
    region: None | Region | Unset = UNSET
    sectors: list[Sector] | None | Unset = UNSET
    contact: Contact | None | Unset = UNSET
    planned_products: list[PlannedProductInput] | None | Unset = UNSET
    cathode_quota_tpy: float | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact import Contact

        legal_name: None | str | Unset
        if isinstance(self.legal_name, Unset):
            legal_name = UNSET
        else:
            legal_name = self.legal_name

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        elif isinstance(self.region, Region):
            region = self.region.value
        else:
            region = self.region

        sectors: list[str] | None | Unset
        if isinstance(self.sectors, Unset):
            sectors = UNSET
        elif isinstance(self.sectors, list):
            sectors = []
            for sectors_type_0_item_data in self.sectors:
                sectors_type_0_item = sectors_type_0_item_data.value
                sectors.append(sectors_type_0_item)

        else:
            sectors = self.sectors

        contact: dict[str, Any] | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, Contact):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        planned_products: list[dict[str, Any]] | None | Unset
        if isinstance(self.planned_products, Unset):
            planned_products = UNSET
        elif isinstance(self.planned_products, list):
            planned_products = []
            for planned_products_type_0_item_data in self.planned_products:
                planned_products_type_0_item = planned_products_type_0_item_data.to_dict()
                planned_products.append(planned_products_type_0_item)

        else:
            planned_products = self.planned_products

        cathode_quota_tpy: float | None | str | Unset
        if isinstance(self.cathode_quota_tpy, Unset):
            cathode_quota_tpy = UNSET
        else:
            cathode_quota_tpy = self.cathode_quota_tpy

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if legal_name is not UNSET:
            field_dict["legal_name"] = legal_name
        if region is not UNSET:
            field_dict["region"] = region
        if sectors is not UNSET:
            field_dict["sectors"] = sectors
        if contact is not UNSET:
            field_dict["contact"] = contact
        if planned_products is not UNSET:
            field_dict["planned_products"] = planned_products
        if cathode_quota_tpy is not UNSET:
            field_dict["cathode_quota_tpy"] = cathode_quota_tpy

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact import Contact
        from ..models.planned_product_input import PlannedProductInput

        d = dict(src_dict)

        def _parse_legal_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        legal_name = _parse_legal_name(d.pop("legal_name", UNSET))

        def _parse_region(data: object) -> None | Region | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                region_type_0 = Region(data)

                return region_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Region | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        def _parse_sectors(data: object) -> list[Sector] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                sectors_type_0 = []
                _sectors_type_0 = data
                for sectors_type_0_item_data in _sectors_type_0:
                    sectors_type_0_item = Sector(sectors_type_0_item_data)

                    sectors_type_0.append(sectors_type_0_item)

                return sectors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Sector] | None | Unset, data)

        sectors = _parse_sectors(d.pop("sectors", UNSET))

        def _parse_contact(data: object) -> Contact | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = Contact.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Contact | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        def _parse_planned_products(data: object) -> list[PlannedProductInput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                planned_products_type_0 = []
                _planned_products_type_0 = data
                for planned_products_type_0_item_data in _planned_products_type_0:
                    planned_products_type_0_item = PlannedProductInput.from_dict(
                        planned_products_type_0_item_data
                    )

                    planned_products_type_0.append(planned_products_type_0_item)

                return planned_products_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PlannedProductInput] | None | Unset, data)

        planned_products = _parse_planned_products(d.pop("planned_products", UNSET))

        def _parse_cathode_quota_tpy(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        cathode_quota_tpy = _parse_cathode_quota_tpy(d.pop("cathode_quota_tpy", UNSET))

        member_patch = cls(
            legal_name=legal_name,
            region=region,
            sectors=sectors,
            contact=contact,
            planned_products=planned_products,
            cathode_quota_tpy=cathode_quota_tpy,
        )

        return member_patch
