from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.on_time_figures import OnTimeFigures
    from ..models.organisation_on_time import OrganisationOnTime


T = TypeVar("T", bound="OnTimeReporting")


@_attrs_define
class OnTimeReporting:
    """
    Attributes:
        year (int):
        due_day (int):
        cluster (OnTimeFigures):
        organisations (list[OrganisationOnTime]): Every active organisation for an admin; a key's own organisation for a
            member; empty for anonymous callers.
    """

    year: int
    due_day: int
    cluster: OnTimeFigures
    organisations: list[OrganisationOnTime]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        year = self.year

        due_day = self.due_day

        cluster = self.cluster.to_dict()

        organisations = []
        for organisations_item_data in self.organisations:
            organisations_item = organisations_item_data.to_dict()
            organisations.append(organisations_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "year": year,
                "due_day": due_day,
                "cluster": cluster,
                "organisations": organisations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.on_time_figures import OnTimeFigures
        from ..models.organisation_on_time import OrganisationOnTime

        d = dict(src_dict)
        year = d.pop("year")

        due_day = d.pop("due_day")

        cluster = OnTimeFigures.from_dict(d.pop("cluster"))

        organisations = []
        _organisations = d.pop("organisations")
        for organisations_item_data in _organisations:
            organisations_item = OrganisationOnTime.from_dict(organisations_item_data)

            organisations.append(organisations_item)

        on_time_reporting = cls(
            year=year,
            due_day=due_day,
            cluster=cluster,
            organisations=organisations,
        )

        on_time_reporting.additional_properties = d
        return on_time_reporting

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
