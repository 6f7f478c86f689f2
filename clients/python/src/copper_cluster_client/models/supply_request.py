from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.category import Category
from ..models.region import Region
from ..models.request_status import RequestStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.request_line import RequestLine


T = TypeVar("T", bound="SupplyRequest")


@_attrs_define
class SupplyRequest:
    """
    Attributes:
        id (UUID):
        member_id (UUID):
        lines (list[RequestLine]):
        categories (list[Category]):
        needed_by (datetime.date):
        delivery_region (Region): Uzbekistan's regions, ISO 3166-2:UZ.
        status (RequestStatus):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        note (None | str | Unset):
        status_reason (None | str | Unset):
    """

    id: UUID
    member_id: UUID
    lines: list[RequestLine]
    categories: list[Category]
    needed_by: datetime.date
    delivery_region: Region
    status: RequestStatus
    created_at: datetime.datetime
    updated_at: datetime.datetime
    note: None | str | Unset = UNSET
    status_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        member_id = str(self.member_id)

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        categories = []
        for categories_item_data in self.categories:
            categories_item = categories_item_data.value
            categories.append(categories_item)

        needed_by = self.needed_by.isoformat()

        delivery_region = self.delivery_region.value

        status = self.status.value

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        status_reason: None | str | Unset
        if isinstance(self.status_reason, Unset):
            status_reason = UNSET
        else:
            status_reason = self.status_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "member_id": member_id,
                "lines": lines,
                "categories": categories,
                "needed_by": needed_by,
                "delivery_region": delivery_region,
                "status": status,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note
        if status_reason is not UNSET:
            field_dict["status_reason"] = status_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.request_line import RequestLine

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        member_id = UUID(d.pop("member_id"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = RequestLine.from_dict(lines_item_data)

            lines.append(lines_item)

        categories = []
        _categories = d.pop("categories")
        for categories_item_data in _categories:
            categories_item = Category(categories_item_data)

            categories.append(categories_item)

        needed_by = datetime.date.fromisoformat(d.pop("needed_by"))

        delivery_region = Region(d.pop("delivery_region"))

        status = RequestStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_status_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_reason = _parse_status_reason(d.pop("status_reason", UNSET))

        supply_request = cls(
            id=id,
            member_id=member_id,
            lines=lines,
            categories=categories,
            needed_by=needed_by,
            delivery_region=delivery_region,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
            note=note,
            status_reason=status_reason,
        )

        supply_request.additional_properties = d
        return supply_request

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
