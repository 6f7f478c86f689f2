from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money_input import MoneyInput


T = TypeVar("T", bound="ItemChange")


@_attrs_define
class ItemChange:
    """Only the fields sent change; ``If-Match`` with the item's ETag is required.

    Attributes:
        name (None | str | Unset):
        description (None | str | Unset):
        unit_price (MoneyInput | None | Unset):
        local_content_pct (float | None | str | Unset):
        lead_time_days (int | None | Unset):
        available_quantity (float | None | str | Unset):
        certifications (list[str] | None | Unset):
    """

    name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    unit_price: MoneyInput | None | Unset = UNSET
    local_content_pct: float | None | str | Unset = UNSET
    lead_time_days: int | None | Unset = UNSET
    available_quantity: float | None | str | Unset = UNSET
    certifications: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.money_input import MoneyInput

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        unit_price: dict[str, Any] | None | Unset
        if isinstance(self.unit_price, Unset):
            unit_price = UNSET
        elif isinstance(self.unit_price, MoneyInput):
            unit_price = self.unit_price.to_dict()
        else:
            unit_price = self.unit_price

        local_content_pct: float | None | str | Unset
        if isinstance(self.local_content_pct, Unset):
            local_content_pct = UNSET
        else:
            local_content_pct = self.local_content_pct

        lead_time_days: int | None | Unset
        if isinstance(self.lead_time_days, Unset):
            lead_time_days = UNSET
        else:
            lead_time_days = self.lead_time_days

        available_quantity: float | None | str | Unset
        if isinstance(self.available_quantity, Unset):
            available_quantity = UNSET
        else:
            available_quantity = self.available_quantity

        certifications: list[str] | None | Unset
        if isinstance(self.certifications, Unset):
            certifications = UNSET
        elif isinstance(self.certifications, list):
            certifications = self.certifications

        else:
            certifications = self.certifications

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if unit_price is not UNSET:
            field_dict["unit_price"] = unit_price
        if local_content_pct is not UNSET:
            field_dict["local_content_pct"] = local_content_pct
        if lead_time_days is not UNSET:
            field_dict["lead_time_days"] = lead_time_days
        if available_quantity is not UNSET:
            field_dict["available_quantity"] = available_quantity
        if certifications is not UNSET:
            field_dict["certifications"] = certifications

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.money_input import MoneyInput

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_unit_price(data: object) -> MoneyInput | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                unit_price_type_0 = MoneyInput.from_dict(data)

                return unit_price_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MoneyInput | None | Unset, data)

        unit_price = _parse_unit_price(d.pop("unit_price", UNSET))

        def _parse_local_content_pct(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        local_content_pct = _parse_local_content_pct(d.pop("local_content_pct", UNSET))

        def _parse_lead_time_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        lead_time_days = _parse_lead_time_days(d.pop("lead_time_days", UNSET))

        def _parse_available_quantity(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        available_quantity = _parse_available_quantity(d.pop("available_quantity", UNSET))

        def _parse_certifications(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                certifications_type_0 = cast(list[str], data)

                return certifications_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        certifications = _parse_certifications(d.pop("certifications", UNSET))

        item_change = cls(
            name=name,
            description=description,
            unit_price=unit_price,
            local_content_pct=local_content_pct,
            lead_time_days=lead_time_days,
            available_quantity=available_quantity,
            certifications=certifications,
        )

        return item_change
