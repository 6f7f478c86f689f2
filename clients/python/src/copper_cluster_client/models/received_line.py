from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReceivedLine")


@_attrs_define
class ReceivedLine:
    """
    Attributes:
        line_no (int):
        quantity (float | str):
    """

    line_no: int
    quantity: float | str

    def to_dict(self) -> dict[str, Any]:
        line_no = self.line_no

        quantity: float | str
        quantity = self.quantity

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "line_no": line_no,
                "quantity": quantity,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        line_no = d.pop("line_no")

        def _parse_quantity(data: object) -> float | str:
            return cast(float | str, data)

        quantity = _parse_quantity(d.pop("quantity"))

        received_line = cls(
            line_no=line_no,
            quantity=quantity,
        )

        return received_line
