"""A period is a month, ``YYYY-MM``: how it is read and written, and what may be reported
for it (nothing in the future; once locked, only an admin's correction with a reason)."""

from __future__ import annotations

import functools
from datetime import date, datetime
from typing import Final, Literal

from clusterkit.errors import InvalidFields
from clusterkit.i18n import N_

# Why a figure for a locked period is refused.
ADMINS_ONLY: Final = "admins-only"
REASON_REQUIRED: Final = "reason-required"
Refusal = Literal["admins-only", "reason-required"]


# An import names a handful of periods many times over: each is read once.
@functools.lru_cache(maxsize=4096)
def period_of(text: str) -> date | None:
    """The first day of the month ``text`` names (``2025-03``); None if it names none."""
    year, month = text[:4], text[5:]
    if len(text) != 7 or text[4] != "-" or not (year.isdigit() and month.isdigit()):
        return None
    try:
        return date(int(year), int(month), 1)
    except ValueError:
        return None


def parse_period(text: str, field: str = "period", where: str = "body") -> date:
    period = period_of(text)
    if period is None:
        raise InvalidFields((field, N_("A period is YYYY-MM.")), where=where)
    return period


def period_text(period: date) -> str:
    return f"{period.year:04d}-{period.month:02d}"


def this_month(now: datetime) -> date:
    return now.date().replace(day=1)


def is_future(period: date, now: datetime) -> bool:
    """``period`` has not begun at ``now`` (the transaction's time: the database's clock)."""
    return period > this_month(now)


def correction_refusal(*, locked: bool, is_admin: bool, reason: str | None) -> Refusal | None:
    """Why a figure for the period may not be recorded (None: it may)."""
    if not locked:
        return None
    if not is_admin:
        return ADMINS_ONLY
    return None if reason else REASON_REQUIRED
