"""The event of the deep-processing KPI: a month's share changed (made by reports and
imports of processed copper or cathode output), keyed by the period."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel

from production.domain import PeriodText


class DeepProcessingUpdated(BaseModel):
    """A report changed a month's deep-processing share (members' processed copper ÷
    AMMC's cathode output; ``share`` is null while AMMC has not reported the month)."""

    period: PeriodText
    copper_processed_t: Decimal
    cathode_output_t: Decimal
    share: Decimal | None
    target: Decimal
    occurred_at: datetime
