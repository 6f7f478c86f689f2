from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.code_name import CodeName


T = TypeVar("T", bound="CodeList")


@_attrs_define
class CodeList:
    """
    Attributes:
        list_ (str): The list's name, as in the path.
        language (str): The names' language: uz, ru or en (Content-Language).
        items (list[CodeName]): Every code of the list, in order.
    """

    list_: str
    language: str
    items: list[CodeName]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        list_ = self.list_

        language = self.language

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "list": list_,
                "language": language,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.code_name import CodeName

        d = dict(src_dict)
        list_ = d.pop("list")

        language = d.pop("language")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = CodeName.from_dict(items_item_data)

            items.append(items_item)

        code_list = cls(
            list_=list_,
            language=language,
            items=items,
        )

        code_list.additional_properties = d
        return code_list

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
