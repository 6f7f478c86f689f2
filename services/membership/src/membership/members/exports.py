"""The member registry as a file: its columns and their header labels (msgids)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clusterkit.export import ORGANISATION, Column, Sheet
from clusterkit.i18n import N_
from clusterkit.sql import Row
from membership.members.access import PUBLIC_FIELDS


def _contact(part: str) -> Callable[[Row], Any]:
    def get(row: Row) -> Any:
        return (row["contact"] or {}).get(part)

    return get


def _planned(row: Row) -> list[str]:
    return [f"{p['hs_code']} {p['description']}" for p in row["planned_products"] or []]


REGISTRY = Sheet(
    "members",
    N_("Member registry"),
    (
        Column("id", N_("Member id")),
        *ORGANISATION,
        Column("sectors", N_("Sectors"), codes="sectors"),
        Column("status", N_("Status"), codes="member-states"),
        Column("admitted_at", N_("Admitted at (UTC)")),
        Column("contact_name", N_("Contact name"), get=_contact("name")),
        Column("contact_email", N_("Contact email"), get=_contact("email")),
        Column("contact_phone", N_("Contact phone"), get=_contact("phone")),
        Column("planned_products", N_("Planned products (HS code, description)"), get=_planned),
        Column("cathode_quota_tpy", N_("Cathode quota (t/year)")),
        Column("suspended_until", N_("Suspended until (UTC)")),
        Column("suspension_reason", N_("Suspension reason")),
    ),
)
# What everyone sees: the public entry's columns.
PUBLIC_REGISTRY = REGISTRY.only(PUBLIC_FIELDS)
