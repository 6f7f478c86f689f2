"""What makes an import row valid, checked in Python against what is loaded once per import
(organisations, locked periods, the transaction's time): the rules a single report meets,
collected per row and field instead of raised. Pure rules, no I/O."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from clusterkit.auth import Caller
from clusterkit.errors import DomainError, InvalidFields
from clusterkit.member_projection import ACTIVE
from production.domain import (
    METRICS,
    Metric,
    ProductCategory,
    category_problem,
    in_metric_unit,
)
from production.periods.rules import ADMINS_ONLY, correction_refusal, period_of, this_month
from production.reports.access import acts_for

MAX_ERRORS = 1000
COLUMNS = (
    "organisation_id",
    "metric",
    "period",
    "product_category",
    "quantity",
    "unit",
    "note",
    "reason",
)
NOT_A_ROW = "__error__"  # what a line that is no object carries instead of fields
METRIC_CODES = {m.value: m for m in Metric}
CATEGORY_CODES = {c.value: c for c in ProductCategory}

# A valid row as staged: its number, then the COLUMNS (quantity in the metric's unit).
Record = tuple[int, uuid.UUID, str, date, str, Decimal, str, str | None, str | None]


class InvalidImport(InvalidFields):
    """An import refused whole: why the body is no import, or the errors of its rows
    (``row``, ``field``, ``message``)."""

    code = "invalid-import"

    def __init__(
        self, detail: str, *, errors: Iterable[dict[str, Any]] = (), **details: Any
    ) -> None:
        DomainError.__init__(self, detail, **details)
        self.errors = list(errors)
        # Row errors are said as written (their messages name rows and values).
        self.messages = [(error["message"], {}) for error in self.errors]


@dataclass
class RowChecker:
    """What rows are checked against, and the errors found so far (the first MAX_ERRORS
    of them named)."""

    caller: Caller
    statuses: dict[uuid.UUID, str]
    locked: set[date]
    now: datetime
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_count: int = 0

    def __post_init__(self) -> None:
        self.this_month = this_month(self.now)

    def error(self, row: int, field_name: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"row": row, "field": field_name, "message": message})

    def check(self, number: int, raw: dict[str, Any]) -> Record | None:
        """The row as a record to stage, or None after recording its errors."""
        if NOT_A_ROW in raw:
            self.error(number, "row", raw[NOT_A_ROW])
            return None
        before = self.error_count
        organisation_id = uuid_of(str(raw.get("organisation_id")))
        if organisation_id is None:
            self.error(number, "organisation_id", "not a UUID")
        elif organisation_id not in self.statuses:
            self.error(number, "organisation_id", "no organisation with this id")
        elif not acts_for(self.caller, organisation_id):
            self.error(number, "organisation_id", "a key reports only for its own organisation")
        elif self.statuses[organisation_id] != ACTIVE:
            self.error(
                number, "organisation_id", f"the organisation is {self.statuses[organisation_id]}"
            )
        metric = METRIC_CODES.get(str(raw.get("metric", "")))
        if metric is None:
            self.error(number, "metric", "unknown metric")
        period = period_of(str(raw.get("period") or ""))
        if period is None:
            self.error(number, "period", "a period is YYYY-MM")
        elif period > self.this_month:
            self.error(number, "period", "a period in the future cannot be reported")
        reason = raw.get("reason") or None
        if period in self.locked:
            refusal = correction_refusal(locked=True, is_admin=self.caller.is_admin, reason=reason)
            if refusal == ADMINS_ONLY:
                self.error(number, "period", "the period is locked")
            elif refusal is not None:
                self.error(number, "reason", "the period is locked: a correction needs a reason")
        category_code = raw.get("product_category") or None
        category = CATEGORY_CODES.get(str(category_code)) if category_code else None
        if category_code and category is None:
            self.error(number, "product_category", "unknown product category")
        elif metric is not None:
            problem = category_problem(metric, category)
            if problem is not None:
                self.error(number, "product_category", problem)
        quantity = decimal_of(raw.get("quantity"))
        if quantity is None or quantity < 0:
            self.error(number, "quantity", "not a number ≥ 0")
        unit = str(raw.get("unit") or "")
        converted = None
        # The unit is checked when the metric's unit is known (for product_output, by its
        # category).
        if (
            metric is not None
            and quantity is not None
            and (category or not METRICS[metric].by_category)
        ):
            converted, target = in_metric_unit(metric, category, quantity, unit)
            if converted is None:
                self.error(number, "unit", f"{unit or 'no unit'} does not convert to {target}")
            unit = target
        if self.error_count != before or converted is None:
            return None
        assert metric is not None
        assert period is not None
        assert organisation_id is not None
        note = raw.get("note") or None
        return (
            number,
            organisation_id,
            metric.value,
            period,
            category.value if category else "",
            converted,
            unit,
            note and str(note)[:2000],
            reason and str(reason)[:2000],
        )


# An import names a handful of organisations many times over: each is read once.
@functools.lru_cache(maxsize=4096)
def uuid_of(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def decimal_of(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
