"""A plan is twelve monthly targets; an annual target is spread over them. Pure rules."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from production.domain import QUANTITY


def spread(annual: Decimal) -> list[Decimal]:
    """An annual target as 12 monthly ones; December takes the rounding remainder."""
    month = (annual / 12).quantize(QUANTITY)
    return [month] * 11 + [annual - month * 11]


def monthly_targets(monthly: Sequence[Decimal] | None, annual: Decimal | None) -> list[Decimal]:
    """The twelve targets as stored, from the monthly ones or the annual one."""
    targets = list(monthly) if monthly is not None else spread(annual or Decimal(0))
    return [target.quantize(QUANTITY) for target in targets]
