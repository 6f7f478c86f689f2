from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Approval")


@_attrs_define
class Approval:
    """
    Attributes:
        reason (None | str | Unset):
        cathode_quota_tpy (float | None | str | Unset): Defaults to the quota the applicant requested.
    """

    reason: None | str | Unset = UNSET
    cathode_quota_tpy: float | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        cathode_quota_tpy: float | None | str | Unset
        if isinstance(self.cathode_quota_tpy, Unset):
            cathode_quota_tpy = UNSET
        else:
            cathode_quota_tpy = self.cathode_quota_tpy

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if reason is not UNSET:
            field_dict["reason"] = reason
        if cathode_quota_tpy is not UNSET:
            field_dict["cathode_quota_tpy"] = cathode_quota_tpy

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_cathode_quota_tpy(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        cathode_quota_tpy = _parse_cathode_quota_tpy(d.pop("cathode_quota_tpy", UNSET))

        approval = cls(
            reason=reason,
            cathode_quota_tpy=cathode_quota_tpy,
        )

        return approval
