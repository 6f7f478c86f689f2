"""The catalogue as a file: the columns and their header labels (msgids)."""

from __future__ import annotations

from clusterkit.export import Column, Sheet
from clusterkit.i18n import N_

CATALOGUE = Sheet(
    "catalogue",
    N_("Catalogue"),
    (
        Column("id", N_("Item id")),
        Column("name", N_("Name")),
        Column("description", N_("Description")),
        Column("category", N_("Category"), codes="categories"),
        Column("hs_code", N_("HS code")),
        Column("unit", N_("Unit"), codes="units"),
        Column("unit_price", N_("Unit price")),
        Column("currency", N_("Currency"), codes="currencies"),
        Column("local_content_pct", N_("Local content (%)")),
        Column("lead_time_days", N_("Lead time (days)")),
        Column("available_quantity", N_("Available quantity")),
        Column("certifications", N_("Certifications")),
        Column("supplier_id", N_("Supplier id")),
        Column("supplier_region", N_("Supplier region"), codes="regions"),
        Column("supplier_is_local", N_("Local supplier")),
        Column("updated_at", N_("Updated at (UTC)")),
    ),
)
