"""The latest monthly targets as a file. A target is recorded as a report's figure is, so
its file has the reports' columns, the quantity headed "Target" and no reason."""

from __future__ import annotations

from clusterkit.i18n import N_
from production.reports.exports import REPORTS

PLANS = REPORTS.variant("plans", N_("Plans"), without={"reason"}, labels={"quantity": N_("Target")})
