"""The latest figures as a file: the columns and their header labels (msgids)."""

from __future__ import annotations

from clusterkit.export import Column, Sheet
from clusterkit.i18n import N_

FIGURE_COLUMNS = (
    Column("organisation_id", N_("Organisation id")),
    Column("metric", N_("Metric"), codes="metrics"),
    Column("period", N_("Period"), month=True),
    Column("product_category", N_("Product category"), codes="product-categories"),
    Column("quantity", N_("Quantity")),
    Column("unit", N_("Unit"), codes="units"),
    Column("note", N_("Note")),
    Column("reason", N_("Reason")),
    Column("revision", N_("Revision")),
    Column("recorded_at", N_("Recorded at (UTC)")),
    Column("recorded_by", N_("Recorded by")),
)
REPORTS = Sheet("reports", N_("Reports"), FIGURE_COLUMNS)
