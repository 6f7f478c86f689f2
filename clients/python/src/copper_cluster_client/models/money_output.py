from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.currency import Currency

T = TypeVar("T", bound="MoneyOutput")


@_attrs_define
class MoneyOutput:
    """
    Attributes:
        amount (str):
        currency (Currency):
    """

    amount: str
    currency: Currency

    def to_dict(self) -> dict[str, Any]:
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
        amount = d.pop("amount")

        currency = Currency(d.pop("currency"))

        money_output = cls(
            amount=amount,
            currency=currency,
        )

        return money_output
