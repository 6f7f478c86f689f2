"""The KPIs as files: fulfilment and growth a row per figure, the deep-processing share a
row per month; the columns and their header labels (msgids)."""

from __future__ import annotations

from clusterkit.export import Column, Sheet
from clusterkit.i18n import N_
from production.domain import DEEP_PROCESSING_TARGET

_FIGURE = (
    Column("organisation_id", N_("Organisation id")),
    Column("metric", N_("Metric"), codes="metrics"),
    Column("product_category", N_("Product category"), codes="product-categories"),
    Column("unit", N_("Unit"), codes="units"),
    Column("period", N_("Period")),
    Column("actual", N_("Actual")),
)

FULFILMENT = Sheet(
    "fulfilment",
    N_("Fulfilment"),
    (
        *_FIGURE,
        Column("plan", N_("Plan")),
        Column("fulfilment", N_("Fulfilment (actual ÷ plan)")),
        Column("variance", N_("Variance (actual - plan)")),
    ),
)
GROWTH = Sheet(
    "growth",
    N_("Growth"),
    (
        *_FIGURE,
        Column("previous_period", N_("Previous period")),
        Column("previous", N_("Previous")),
        Column("growth", N_("Growth (actual ÷ previous)")),
        Column("change", N_("Change (actual - previous)")),
    ),
)
DEEP_PROCESSING = Sheet(
    "deep-processing",
    N_("Deep processing"),
    (
        Column("period", N_("Period")),
        Column("copper_processed_t", N_("Copper processed by members (t)")),
        Column("cathode_output_t", N_("AMMC cathode output (t)")),
        Column("share", N_("Deep-processing share")),
        Column("target", N_("Target share"), get=lambda row: DEEP_PROCESSING_TARGET),
    ),
)
