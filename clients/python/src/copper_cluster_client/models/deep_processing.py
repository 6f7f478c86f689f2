from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.category_share import CategoryShare
    from ..models.member_share import MemberShare
    from ..models.month_share import MonthShare
    from ..models.production_api_kpis_organisation import ProductionApiKpisOrganisation


T = TypeVar("T", bound="DeepProcessing")


@_attrs_define
class DeepProcessing:
    """``share`` = members' processed copper ÷ AMMC's cathode output (null until AMMC has
    reported); ``by_member`` only for admins.

        Attributes:
            periods (list[str]):
            copper_processed_t (str):
            cathode_output_t (str):
            share (None | str):
            target (str):
            gap_to_target (None | str):
            by_month (list[MonthShare]):
            by_category (list[CategoryShare]):
            not_reported (list[ProductionApiKpisOrganisation]):
            by_member (list[MemberShare] | None | Unset):
    """

    periods: list[str]
    copper_processed_t: str
    cathode_output_t: str
    share: None | str
    target: str
    gap_to_target: None | str
    by_month: list[MonthShare]
    by_category: list[CategoryShare]
    not_reported: list[ProductionApiKpisOrganisation]
    by_member: list[MemberShare] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        periods = self.periods

        copper_processed_t = self.copper_processed_t

        cathode_output_t = self.cathode_output_t

        share: None | str
        share = self.share

        target = self.target

        gap_to_target: None | str
        gap_to_target = self.gap_to_target

        by_month = []
        for by_month_item_data in self.by_month:
            by_month_item = by_month_item_data.to_dict()
            by_month.append(by_month_item)

        by_category = []
        for by_category_item_data in self.by_category:
            by_category_item = by_category_item_data.to_dict()
            by_category.append(by_category_item)

        not_reported = []
        for not_reported_item_data in self.not_reported:
            not_reported_item = not_reported_item_data.to_dict()
            not_reported.append(not_reported_item)

        by_member: list[dict[str, Any]] | None | Unset
        if isinstance(self.by_member, Unset):
            by_member = UNSET
        elif isinstance(self.by_member, list):
            by_member = []
            for by_member_type_0_item_data in self.by_member:
                by_member_type_0_item = by_member_type_0_item_data.to_dict()
                by_member.append(by_member_type_0_item)

        else:
            by_member = self.by_member

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "periods": periods,
                "copper_processed_t": copper_processed_t,
                "cathode_output_t": cathode_output_t,
                "share": share,
                "target": target,
                "gap_to_target": gap_to_target,
                "by_month": by_month,
                "by_category": by_category,
                "not_reported": not_reported,
            }
        )
        if by_member is not UNSET:
            field_dict["by_member"] = by_member

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.category_share import CategoryShare
        from ..models.member_share import MemberShare
        from ..models.month_share import MonthShare
        from ..models.production_api_kpis_organisation import (
            ProductionApiKpisOrganisation,
        )

        d = dict(src_dict)
        periods = cast(list[str], d.pop("periods"))

        copper_processed_t = d.pop("copper_processed_t")

        cathode_output_t = d.pop("cathode_output_t")

        def _parse_share(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        share = _parse_share(d.pop("share"))

        target = d.pop("target")

        def _parse_gap_to_target(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        gap_to_target = _parse_gap_to_target(d.pop("gap_to_target"))

        by_month = []
        _by_month = d.pop("by_month")
        for by_month_item_data in _by_month:
            by_month_item = MonthShare.from_dict(by_month_item_data)

            by_month.append(by_month_item)

        by_category = []
        _by_category = d.pop("by_category")
        for by_category_item_data in _by_category:
            by_category_item = CategoryShare.from_dict(by_category_item_data)

            by_category.append(by_category_item)

        not_reported = []
        _not_reported = d.pop("not_reported")
        for not_reported_item_data in _not_reported:
            not_reported_item = ProductionApiKpisOrganisation.from_dict(not_reported_item_data)

            not_reported.append(not_reported_item)

        def _parse_by_member(data: object) -> list[MemberShare] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                by_member_type_0 = []
                _by_member_type_0 = data
                for by_member_type_0_item_data in _by_member_type_0:
                    by_member_type_0_item = MemberShare.from_dict(by_member_type_0_item_data)

                    by_member_type_0.append(by_member_type_0_item)

                return by_member_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[MemberShare] | None | Unset, data)

        by_member = _parse_by_member(d.pop("by_member", UNSET))

        deep_processing = cls(
            periods=periods,
            copper_processed_t=copper_processed_t,
            cathode_output_t=cathode_output_t,
            share=share,
            target=target,
            gap_to_target=gap_to_target,
            by_month=by_month,
            by_category=by_category,
            not_reported=not_reported,
            by_member=by_member,
        )

        deep_processing.additional_properties = d
        return deep_processing

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
