"""The latest monthly targets as a file: the columns and their header labels (msgids)."""

from __future__ import annotations

from clusterkit.export import Column, Sheet
from clusterkit.i18n import N_

PLANS = Sheet(
    "plans",
    N_("Plans"),
    (
        Column("organisation_id", N_("Organisation id")),
        Column("metric", N_("Metric"), codes="metrics"),
        Column("period", N_("Period"), month=True),
        Column("product_category", N_("Product category"), codes="product-categories"),
        Column("quantity", N_("Target")),
        Column("unit", N_("Unit"), codes="units"),
        Column("note", N_("Note")),
        Column("revision", N_("Revision")),
        Column("recorded_at", N_("Recorded at (UTC)")),
        Column("recorded_by", N_("Recorded by")),
    ),
)
