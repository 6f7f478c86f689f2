from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.member_status import MemberStatus
from ..models.region import Region
from ..models.sector import Sector
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.planned_product_output import PlannedProductOutput


T = TypeVar("T", bound="Member")


@_attrs_define
class Member:
    """A registry entry. ``contact``, ``planned_products``, ``cathode_quota_tpy`` and the
    suspension details are only shown to admins and to the member itself.

        Attributes:
            id (UUID):
            legal_name (str):
            stir (str):
            region (Region): Uzbekistan's regions, ISO 3166-2:UZ.
            sectors (list[Sector]):
            status (MemberStatus): Effective status, computed from stored dates (a lapsed suspension is over by itself).
            admitted_at (datetime.datetime):
            contact (Contact | None | Unset):
            planned_products (list[PlannedProductOutput] | None | Unset):
            cathode_quota_tpy (None | str | Unset):
            suspended_until (datetime.datetime | None | Unset):
            suspension_reason (None | str | Unset):
            version (int | None | Unset):
    """

    id: UUID
    legal_name: str
    stir: str
    region: Region
    sectors: list[Sector]
    status: MemberStatus
    admitted_at: datetime.datetime
    contact: Contact | None | Unset = UNSET
    planned_products: list[PlannedProductOutput] | None | Unset = UNSET
    cathode_quota_tpy: None | str | Unset = UNSET
    suspended_until: datetime.datetime | None | Unset = UNSET
    suspension_reason: None | str | Unset = UNSET
    version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact import Contact

        id = str(self.id)

        legal_name = self.legal_name

        stir = self.stir

        region = self.region.value

        sectors = []
        for sectors_item_data in self.sectors:
            sectors_item = sectors_item_data.value
            sectors.append(sectors_item)

        status = self.status.value

        admitted_at = self.admitted_at.isoformat()

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

        cathode_quota_tpy: None | str | Unset
        if isinstance(self.cathode_quota_tpy, Unset):
            cathode_quota_tpy = UNSET
        else:
            cathode_quota_tpy = self.cathode_quota_tpy

        suspended_until: None | str | Unset
        if isinstance(self.suspended_until, Unset):
            suspended_until = UNSET
        elif isinstance(self.suspended_until, datetime.datetime):
            suspended_until = self.suspended_until.isoformat()
        else:
            suspended_until = self.suspended_until

        suspension_reason: None | str | Unset
        if isinstance(self.suspension_reason, Unset):
            suspension_reason = UNSET
        else:
            suspension_reason = self.suspension_reason

        version: int | None | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "legal_name": legal_name,
                "stir": stir,
                "region": region,
                "sectors": sectors,
                "status": status,
                "admitted_at": admitted_at,
            }
        )
        if contact is not UNSET:
            field_dict["contact"] = contact
        if planned_products is not UNSET:
            field_dict["planned_products"] = planned_products
        if cathode_quota_tpy is not UNSET:
            field_dict["cathode_quota_tpy"] = cathode_quota_tpy
        if suspended_until is not UNSET:
            field_dict["suspended_until"] = suspended_until
        if suspension_reason is not UNSET:
            field_dict["suspension_reason"] = suspension_reason
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact import Contact
        from ..models.planned_product_output import PlannedProductOutput

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        legal_name = d.pop("legal_name")

        stir = d.pop("stir")

        region = Region(d.pop("region"))

        sectors = []
        _sectors = d.pop("sectors")
        for sectors_item_data in _sectors:
            sectors_item = Sector(sectors_item_data)

            sectors.append(sectors_item)

        status = MemberStatus(d.pop("status"))

        admitted_at = datetime.datetime.fromisoformat(d.pop("admitted_at"))

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

        def _parse_planned_products(data: object) -> list[PlannedProductOutput] | None | Unset:
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
                    planned_products_type_0_item = PlannedProductOutput.from_dict(
                        planned_products_type_0_item_data
                    )

                    planned_products_type_0.append(planned_products_type_0_item)

                return planned_products_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PlannedProductOutput] | None | Unset, data)

        planned_products = _parse_planned_products(d.pop("planned_products", UNSET))

        def _parse_cathode_quota_tpy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cathode_quota_tpy = _parse_cathode_quota_tpy(d.pop("cathode_quota_tpy", UNSET))

        def _parse_suspended_until(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                suspended_until_type_0 = datetime.datetime.fromisoformat(data)

                return suspended_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        suspended_until = _parse_suspended_until(d.pop("suspended_until", UNSET))

        def _parse_suspension_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        suspension_reason = _parse_suspension_reason(d.pop("suspension_reason", UNSET))

        def _parse_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        member = cls(
            id=id,
            legal_name=legal_name,
            stir=stir,
            region=region,
            sectors=sectors,
            status=status,
            admitted_at=admitted_at,
            contact=contact,
            planned_products=planned_products,
            cathode_quota_tpy=cathode_quota_tpy,
            suspended_until=suspended_until,
            suspension_reason=suspension_reason,
            version=version,
        )

        member.additional_properties = d
        return member

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
