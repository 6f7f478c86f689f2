from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.currency import Currency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.offer_line_in import OfferLineIn


T = TypeVar("T", bound="OfferIn")


@_attrs_define
class OfferIn:
    """
    Attributes:
        currency (Currency):
        lines (list[OfferLineIn]):
        valid_until (datetime.datetime):
        note (None | str | Unset):
    """

    currency: Currency
    lines: list[OfferLineIn]
    valid_until: datetime.datetime
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency.value

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        valid_until = self.valid_until.isoformat()

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "currency": currency,
                "lines": lines,
                "valid_until": valid_until,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.offer_line_in import OfferLineIn

        d = dict(src_dict)
        currency = Currency(d.pop("currency"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = OfferLineIn.from_dict(lines_item_data)

            lines.append(lines_item)

        valid_until = datetime.datetime.fromisoformat(d.pop("valid_until"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        offer_in = cls(
            currency=currency,
            lines=lines,
            valid_until=valid_until,
            note=note,
        )

        return offer_in
