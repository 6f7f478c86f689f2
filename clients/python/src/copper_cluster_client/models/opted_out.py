from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OptedOut")


@_attrs_define
class OptedOut:
    """
    Attributes:
        email (str):
        kind (str):
        opted_out (bool | Unset):  Default: True.
    """

    email: str
    kind: str
    opted_out: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        kind = self.kind

        opted_out = self.opted_out

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "kind": kind,
            }
        )
        if opted_out is not UNSET:
            field_dict["opted_out"] = opted_out

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        kind = d.pop("kind")

        opted_out = d.pop("opted_out", UNSET)

        opted_out = cls(
            email=email,
            kind=kind,
            opted_out=opted_out,
        )

        opted_out.additional_properties = d
        return opted_out

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
