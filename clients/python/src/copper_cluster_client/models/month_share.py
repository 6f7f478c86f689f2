from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MonthShare")


@_attrs_define
class MonthShare:
    """
    Attributes:
        period (str):
        copper_processed_t (str):
        cathode_output_t (str):
        share (None | str):
    """

    period: str
    copper_processed_t: str
    cathode_output_t: str
    share: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        period = self.period

        copper_processed_t = self.copper_processed_t

        cathode_output_t = self.cathode_output_t

        share: None | str
        share = self.share

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "period": period,
                "copper_processed_t": copper_processed_t,
                "cathode_output_t": cathode_output_t,
                "share": share,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        period = d.pop("period")

        copper_processed_t = d.pop("copper_processed_t")

        cathode_output_t = d.pop("cathode_output_t")

        def _parse_share(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        share = _parse_share(d.pop("share"))

        month_share = cls(
            period=period,
            copper_processed_t=copper_processed_t,
            cathode_output_t=cathode_output_t,
            share=share,
        )

        month_share.additional_properties = d
        return month_share

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
