from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.currency import Currency
from ..models.order_status import OrderStatus
from ..models.region import Region
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_line import OrderLine


T = TypeVar("T", bound="Order")


@_attrs_define
class Order:
    """
    Attributes:
        id (UUID):
        request_id (UUID):
        offer_id (UUID):
        member_id (UUID):
        supplier_id (UUID):
        supplier_is_local (bool):
        status (OrderStatus):
        currency (Currency):
        total_amount (str):
        usd_uzs_rate (str):
        total_uzs (str):
        needed_by (datetime.date):
        delivery_region (Region): Uzbekistan's regions, ISO 3166-2:UZ.
        lines (list[OrderLine]):
        placed_at (datetime.datetime):
        updated_at (datetime.datetime):
        confirmed_at (datetime.datetime | None | Unset): When the order took this step, if it has
        shipped_at (datetime.datetime | None | Unset): When the order took this step, if it has
        delivered_at (datetime.datetime | None | Unset): When the order took this step, if it has
        cancelled_at (datetime.datetime | None | Unset): When the order took this step, if it has
        cancel_reason (None | str | Unset):
    """

    id: UUID
    request_id: UUID
    offer_id: UUID
    member_id: UUID
    supplier_id: UUID
    supplier_is_local: bool
    status: OrderStatus
    currency: Currency
    total_amount: str
    usd_uzs_rate: str
    total_uzs: str
    needed_by: datetime.date
    delivery_region: Region
    lines: list[OrderLine]
    placed_at: datetime.datetime
    updated_at: datetime.datetime
    confirmed_at: datetime.datetime | None | Unset = UNSET
    shipped_at: datetime.datetime | None | Unset = UNSET
    delivered_at: datetime.datetime | None | Unset = UNSET
    cancelled_at: datetime.datetime | None | Unset = UNSET
    cancel_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        request_id = str(self.request_id)

        offer_id = str(self.offer_id)

        member_id = str(self.member_id)

        supplier_id = str(self.supplier_id)

        supplier_is_local = self.supplier_is_local

        status = self.status.value

        currency = self.currency.value

        total_amount = self.total_amount

        usd_uzs_rate = self.usd_uzs_rate

        total_uzs = self.total_uzs

        needed_by = self.needed_by.isoformat()

        delivery_region = self.delivery_region.value

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        placed_at = self.placed_at.isoformat()

        updated_at = self.updated_at.isoformat()

        confirmed_at: None | str | Unset
        if isinstance(self.confirmed_at, Unset):
            confirmed_at = UNSET
        elif isinstance(self.confirmed_at, datetime.datetime):
            confirmed_at = self.confirmed_at.isoformat()
        else:
            confirmed_at = self.confirmed_at

        shipped_at: None | str | Unset
        if isinstance(self.shipped_at, Unset):
            shipped_at = UNSET
        elif isinstance(self.shipped_at, datetime.datetime):
            shipped_at = self.shipped_at.isoformat()
        else:
            shipped_at = self.shipped_at

        delivered_at: None | str | Unset
        if isinstance(self.delivered_at, Unset):
            delivered_at = UNSET
        elif isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        cancelled_at: None | str | Unset
        if isinstance(self.cancelled_at, Unset):
            cancelled_at = UNSET
        elif isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        cancel_reason: None | str | Unset
        if isinstance(self.cancel_reason, Unset):
            cancel_reason = UNSET
        else:
            cancel_reason = self.cancel_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "request_id": request_id,
                "offer_id": offer_id,
                "member_id": member_id,
                "supplier_id": supplier_id,
                "supplier_is_local": supplier_is_local,
                "status": status,
                "currency": currency,
                "total_amount": total_amount,
                "usd_uzs_rate": usd_uzs_rate,
                "total_uzs": total_uzs,
                "needed_by": needed_by,
                "delivery_region": delivery_region,
                "lines": lines,
                "placed_at": placed_at,
                "updated_at": updated_at,
            }
        )
        if confirmed_at is not UNSET:
            field_dict["confirmed_at"] = confirmed_at
        if shipped_at is not UNSET:
            field_dict["shipped_at"] = shipped_at
        if delivered_at is not UNSET:
            field_dict["delivered_at"] = delivered_at
        if cancelled_at is not UNSET:
            field_dict["cancelled_at"] = cancelled_at
        if cancel_reason is not UNSET:
            field_dict["cancel_reason"] = cancel_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.order_line import OrderLine

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        request_id = UUID(d.pop("request_id"))

        offer_id = UUID(d.pop("offer_id"))

        member_id = UUID(d.pop("member_id"))

        supplier_id = UUID(d.pop("supplier_id"))

        supplier_is_local = d.pop("supplier_is_local")

        status = OrderStatus(d.pop("status"))

        currency = Currency(d.pop("currency"))

        total_amount = d.pop("total_amount")

        usd_uzs_rate = d.pop("usd_uzs_rate")

        total_uzs = d.pop("total_uzs")

        needed_by = datetime.date.fromisoformat(d.pop("needed_by"))

        delivery_region = Region(d.pop("delivery_region"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = OrderLine.from_dict(lines_item_data)

            lines.append(lines_item)

        placed_at = datetime.datetime.fromisoformat(d.pop("placed_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_confirmed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmed_at_type_0 = datetime.datetime.fromisoformat(data)

                return confirmed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        confirmed_at = _parse_confirmed_at(d.pop("confirmed_at", UNSET))

        def _parse_shipped_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                shipped_at_type_0 = datetime.datetime.fromisoformat(data)

                return shipped_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        shipped_at = _parse_shipped_at(d.pop("shipped_at", UNSET))

        def _parse_delivered_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at", UNSET))

        def _parse_cancelled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at", UNSET))

        def _parse_cancel_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cancel_reason = _parse_cancel_reason(d.pop("cancel_reason", UNSET))

        order = cls(
            id=id,
            request_id=request_id,
            offer_id=offer_id,
            member_id=member_id,
            supplier_id=supplier_id,
            supplier_is_local=supplier_is_local,
            status=status,
            currency=currency,
            total_amount=total_amount,
            usd_uzs_rate=usd_uzs_rate,
            total_uzs=total_uzs,
            needed_by=needed_by,
            delivery_region=delivery_region,
            lines=lines,
            placed_at=placed_at,
            updated_at=updated_at,
            confirmed_at=confirmed_at,
            shipped_at=shipped_at,
            delivered_at=delivered_at,
            cancelled_at=cancelled_at,
            cancel_reason=cancel_reason,
        )

        order.additional_properties = d
        return order

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
