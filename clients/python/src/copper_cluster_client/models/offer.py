from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.currency import Currency
from ..models.offer_status import OfferStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.offer_line import OfferLine


T = TypeVar("T", bound="Offer")


@_attrs_define
class Offer:
    """
    Attributes:
        id (UUID):
        request_id (UUID):
        supplier_id (UUID):
        status (OfferStatus):
        lines (list[OfferLine]):
        currency (Currency):
        total_amount (str):
        valid_until (datetime.datetime):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        note (None | str | Unset):
        replaces_offer_id (None | Unset | UUID): The supplier's offer it replaced
    """

    id: UUID
    request_id: UUID
    supplier_id: UUID
    status: OfferStatus
    lines: list[OfferLine]
    currency: Currency
    total_amount: str
    valid_until: datetime.datetime
    created_at: datetime.datetime
    updated_at: datetime.datetime
    note: None | str | Unset = UNSET
    replaces_offer_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        request_id = str(self.request_id)

        supplier_id = str(self.supplier_id)

        status = self.status.value

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        currency = self.currency.value

        total_amount = self.total_amount

        valid_until = self.valid_until.isoformat()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        replaces_offer_id: None | str | Unset
        if isinstance(self.replaces_offer_id, Unset):
            replaces_offer_id = UNSET
        elif isinstance(self.replaces_offer_id, UUID):
            replaces_offer_id = str(self.replaces_offer_id)
        else:
            replaces_offer_id = self.replaces_offer_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "request_id": request_id,
                "supplier_id": supplier_id,
                "status": status,
                "lines": lines,
                "currency": currency,
                "total_amount": total_amount,
                "valid_until": valid_until,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note
        if replaces_offer_id is not UNSET:
            field_dict["replaces_offer_id"] = replaces_offer_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.offer_line import OfferLine

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        request_id = UUID(d.pop("request_id"))

        supplier_id = UUID(d.pop("supplier_id"))

        status = OfferStatus(d.pop("status"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = OfferLine.from_dict(lines_item_data)

            lines.append(lines_item)

        currency = Currency(d.pop("currency"))

        total_amount = d.pop("total_amount")

        valid_until = datetime.datetime.fromisoformat(d.pop("valid_until"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_replaces_offer_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                replaces_offer_id_type_0 = UUID(data)

                return replaces_offer_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        replaces_offer_id = _parse_replaces_offer_id(d.pop("replaces_offer_id", UNSET))

        offer = cls(
            id=id,
            request_id=request_id,
            supplier_id=supplier_id,
            status=status,
            lines=lines,
            currency=currency,
            total_amount=total_amount,
            valid_until=valid_until,
            created_at=created_at,
            updated_at=updated_at,
            note=note,
            replaces_offer_id=replaces_offer_id,
        )

        offer.additional_properties = d
        return offer

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
