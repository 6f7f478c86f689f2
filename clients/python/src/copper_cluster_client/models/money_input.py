from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.currency import Currency

T = TypeVar("T", bound="MoneyInput")


@_attrs_define
class MoneyInput:
    """
    Attributes:
        amount (float | str):
        currency (Currency):
    """

    amount: float | str
    currency: Currency

    def to_dict(self) -> dict[str, Any]:
        amount: float | str
        amount = self.amount

        currency = self.currency.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "currency": currency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_amount(data: object) -> float | str:
            return cast(float | str, data)

        amount = _parse_amount(d.pop("amount"))

        currency = Currency(d.pop("currency"))

        money_input = cls(
            amount=amount,
            currency=currency,
        )

        return money_input
