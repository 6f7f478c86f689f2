"""Suppliers as a file: the columns and their header labels (msgids)."""

from __future__ import annotations

from clusterkit.export import Column, Sheet
from clusterkit.i18n import N_

SUPPLIERS = Sheet(
    "suppliers",
    N_("Suppliers"),
    (
        Column("id", N_("Supplier id")),
        Column("legal_name", N_("Legal name")),
        Column("stir", N_("STIR (taxpayer number)")),
        Column("region", N_("Region"), codes="regions"),
        Column("is_local", N_("Local supplier")),
        Column("categories", N_("Categories"), codes="categories"),
        Column("status", N_("Status"), codes="supplier-states"),
        Column("status_reason", N_("Status reason")),
        Column("member_id", N_("Member id")),
        Column("created_at", N_("Registered at (UTC)")),
        Column("updated_at", N_("Updated at (UTC)")),
    ),
)
