from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OnTimeFigures")


@_attrs_define
class OnTimeFigures:
    """
    Attributes:
        due (int): Months of the year whose due date has passed.
        on_time (int):
        late (int):
        missing (int):
        share (None | str): on_time / due, to 4 places; null if none due.
    """

    due: int
    on_time: int
    late: int
    missing: int
    share: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due = self.due

        on_time = self.on_time

        late = self.late

        missing = self.missing

        share: None | str
        share = self.share

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due": due,
                "on_time": on_time,
                "late": late,
                "missing": missing,
                "share": share,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        due = d.pop("due")

        on_time = d.pop("on_time")

        late = d.pop("late")

        missing = d.pop("missing")

        def _parse_share(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        share = _parse_share(d.pop("share"))

        on_time_figures = cls(
            due=due,
            on_time=on_time,
            late=late,
            missing=missing,
            share=share,
        )

        on_time_figures.additional_properties = d
        return on_time_figures

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
