"""Revisions: a report is the next revision of its key (kind, organisation, metric, period,
category); the first is submitted, later ones revise it. Pure rules, no I/O."""

from __future__ import annotations

from decimal import Decimal

from clusterkit.errors import InvalidFields
from clusterkit.i18n import N_
from production.domain import (
    SHARE_METRICS,
    Metric,
    ProductCategory,
    category_message,
    in_metric_unit,
)
from production.events import REPORT_REVISED, REPORT_SUBMITTED


def event_type(revision: int) -> str:
    return REPORT_SUBMITTED if revision == 1 else REPORT_REVISED


def moves_share(metric: Metric, previous: Decimal | None, quantity: Decimal) -> bool:
    """The revision changes a month's deep-processing share."""
    return metric in SHARE_METRICS and previous != quantity


def category_value(metric: Metric, category: ProductCategory | None) -> str:
    """The key's category ("" for none), or InvalidFields when it does not fit the metric."""
    problem = category_message(metric, category)
    if problem is not None:
        raise InvalidFields(("product_category", *problem))
    return category.value if category else ""


def stored_quantity(
    metric: Metric, category: ProductCategory | None, quantity: Decimal, unit: str
) -> tuple[Decimal, str]:
    """The quantity in the metric's own unit (rounded as stored), and that unit."""
    converted, target = in_metric_unit(metric, category, quantity, unit)
    if converted is None:
        raise InvalidFields(
            ("unit", N_("{unit} does not convert to {target}."), {"unit": unit, "target": target})
        )
    return converted, target
