from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.application_status import ApplicationStatus
from ..models.region import Region
from ..models.sector import Sector
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.planned_product_output import PlannedProductOutput


T = TypeVar("T", bound="Application")


@_attrs_define
class Application:
    """
    Attributes:
        id (UUID):
        legal_name (str):
        stir (str):
        region (Region): Uzbekistan's regions, ISO 3166-2:UZ.
        sectors (list[Sector]):
        planned_products (list[PlannedProductOutput]):
        requested_cathode_tpy (str):
        contact (Contact):
        proposal (str):
        status (ApplicationStatus):
        submitted_at (datetime.datetime):
        updated_at (datetime.datetime):
        version (int):
        member_id (None | Unset | UUID):
    """

    id: UUID
    legal_name: str
    stir: str
    region: Region
    sectors: list[Sector]
    planned_products: list[PlannedProductOutput]
    requested_cathode_tpy: str
    contact: Contact
    proposal: str
    status: ApplicationStatus
    submitted_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    member_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        legal_name = self.legal_name

        stir = self.stir

        region = self.region.value

        sectors = []
        for sectors_item_data in self.sectors:
            sectors_item = sectors_item_data.value
            sectors.append(sectors_item)

        planned_products = []
        for planned_products_item_data in self.planned_products:
            planned_products_item = planned_products_item_data.to_dict()
            planned_products.append(planned_products_item)

        requested_cathode_tpy = self.requested_cathode_tpy

        contact = self.contact.to_dict()

        proposal = self.proposal

        status = self.status.value

        submitted_at = self.submitted_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        member_id: None | str | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        elif isinstance(self.member_id, UUID):
            member_id = str(self.member_id)
        else:
            member_id = self.member_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "legal_name": legal_name,
                "stir": stir,
                "region": region,
                "sectors": sectors,
                "planned_products": planned_products,
                "requested_cathode_tpy": requested_cathode_tpy,
                "contact": contact,
                "proposal": proposal,
                "status": status,
                "submitted_at": submitted_at,
                "updated_at": updated_at,
                "version": version,
            }
        )
        if member_id is not UNSET:
            field_dict["member_id"] = member_id

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

        planned_products = []
        _planned_products = d.pop("planned_products")
        for planned_products_item_data in _planned_products:
            planned_products_item = PlannedProductOutput.from_dict(planned_products_item_data)

            planned_products.append(planned_products_item)

        requested_cathode_tpy = d.pop("requested_cathode_tpy")

        contact = Contact.from_dict(d.pop("contact"))

        proposal = d.pop("proposal")

        status = ApplicationStatus(d.pop("status"))

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        def _parse_member_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                member_id_type_0 = UUID(data)

                return member_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        member_id = _parse_member_id(d.pop("member_id", UNSET))

        application = cls(
            id=id,
            legal_name=legal_name,
            stir=stir,
            region=region,
            sectors=sectors,
            planned_products=planned_products,
            requested_cathode_tpy=requested_cathode_tpy,
            contact=contact,
            proposal=proposal,
            status=status,
            submitted_at=submitted_at,
            updated_at=updated_at,
            version=version,
            member_id=member_id,
        )

        application.additional_properties = d
        return application

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
