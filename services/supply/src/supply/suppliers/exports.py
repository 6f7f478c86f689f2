"""Suppliers as a file: the columns and their header labels (msgids)."""

from __future__ import annotations

from clusterkit.export import ORGANISATION, Column, Sheet
from clusterkit.i18n import N_

SUPPLIERS = Sheet(
    "suppliers",
    N_("Suppliers"),
    (
        Column("id", N_("Supplier id")),
        *ORGANISATION,
        Column("is_local", N_("Local supplier")),
        Column("categories", N_("Categories"), codes="categories"),
        Column("status", N_("Status"), codes="supplier-states"),
        Column("status_reason", N_("Status reason")),
        Column("member_id", N_("Member id")),
        Column("created_at", N_("Registered at (UTC)")),
        Column("updated_at", N_("Updated at (UTC)")),
    ),
)
