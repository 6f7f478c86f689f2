from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.metric import Metric
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metric_info_category_units_type_0 import MetricInfoCategoryUnitsType0


T = TypeVar("T", bound="MetricInfo")


@_attrs_define
class MetricInfo:
    """
    Attributes:
        code (Metric):
        unit (str):
        higher_is_better (bool):
        description (str):
        category_units (MetricInfoCategoryUnitsType0 | None | Unset):
    """

    code: Metric
    unit: str
    higher_is_better: bool
    description: str
    category_units: MetricInfoCategoryUnitsType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.metric_info_category_units_type_0 import (
            MetricInfoCategoryUnitsType0,
        )

        code = self.code.value

        unit = self.unit

        higher_is_better = self.higher_is_better

        description = self.description

        category_units: dict[str, Any] | None | Unset
        if isinstance(self.category_units, Unset):
            category_units = UNSET
        elif isinstance(self.category_units, MetricInfoCategoryUnitsType0):
            category_units = self.category_units.to_dict()
        else:
            category_units = self.category_units

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "unit": unit,
                "higher_is_better": higher_is_better,
                "description": description,
            }
        )
        if category_units is not UNSET:
            field_dict["category_units"] = category_units

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metric_info_category_units_type_0 import (
            MetricInfoCategoryUnitsType0,
        )

        d = dict(src_dict)
        code = Metric(d.pop("code"))

        unit = d.pop("unit")

        higher_is_better = d.pop("higher_is_better")

        description = d.pop("description")

        def _parse_category_units(data: object) -> MetricInfoCategoryUnitsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                category_units_type_0 = MetricInfoCategoryUnitsType0.from_dict(data)

                return category_units_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MetricInfoCategoryUnitsType0 | None | Unset, data)

        category_units = _parse_category_units(d.pop("category_units", UNSET))

        metric_info = cls(
            code=code,
            unit=unit,
            higher_is_better=higher_is_better,
            description=description,
            category_units=category_units,
        )

        metric_info.additional_properties = d
        return metric_info

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
