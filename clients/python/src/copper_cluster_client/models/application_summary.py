from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.application_status import ApplicationStatus
from ..models.region import Region
from ..models.sector import Sector

T = TypeVar("T", bound="ApplicationSummary")


@_attrs_define
class ApplicationSummary:
    """
    Attributes:
        id (UUID):
        legal_name (str):
        stir (str):
        region (Region): Uzbekistan's regions, ISO 3166-2:UZ.
        sectors (list[Sector]):
        status (ApplicationStatus):
        submitted_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    legal_name: str
    stir: str
    region: Region
    sectors: list[Sector]
    status: ApplicationStatus
    submitted_at: datetime.datetime
    updated_at: datetime.datetime
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

        status = self.status.value

        submitted_at = self.submitted_at.isoformat()

        updated_at = self.updated_at.isoformat()

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
                "submitted_at": submitted_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
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

        status = ApplicationStatus(d.pop("status"))

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        application_summary = cls(
            id=id,
            legal_name=legal_name,
            stir=stir,
            region=region,
            sectors=sectors,
            status=status,
            submitted_at=submitted_at,
            updated_at=updated_at,
        )

        application_summary.additional_properties = d
        return application_summary

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
