from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.region import Region
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.request_line_in import RequestLineIn


T = TypeVar("T", bound="SupplyRequestIn")


@_attrs_define
class SupplyRequestIn:
    """
    Attributes:
        lines (list[RequestLineIn]):
        needed_by (datetime.date):
        delivery_region (Region): Uzbekistan's regions, ISO 3166-2:UZ.
        note (None | str | Unset):
    """

    lines: list[RequestLineIn]
    needed_by: datetime.date
    delivery_region: Region
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        needed_by = self.needed_by.isoformat()

        delivery_region = self.delivery_region.value

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "lines": lines,
                "needed_by": needed_by,
                "delivery_region": delivery_region,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.request_line_in import RequestLineIn

        d = dict(src_dict)
        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = RequestLineIn.from_dict(lines_item_data)

            lines.append(lines_item)

        needed_by = datetime.date.fromisoformat(d.pop("needed_by"))

        delivery_region = Region(d.pop("delivery_region"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        supply_request_in = cls(
            lines=lines,
            needed_by=needed_by,
            delivery_region=delivery_region,
            note=note,
        )

        return supply_request_in
