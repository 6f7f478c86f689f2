"""Events the production service publishes to ``production.events`` (its contracts), each
feature's models assembled.

Key = organisation id for reports and plans; the period (``YYYY-MM``) for period locks and
deep-processing updates, which belong to the whole cluster.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

from clusterkit.contracts import EventContract, EventContracts
from production.domain import AMMC_ID
from production.kpis.events import DeepProcessingUpdated
from production.periods.events import PeriodLocked
from production.plans.events import PlanSet
from production.reporting.events import ReportDue, ReportReturned
from production.reports.events import ReportRecorded

__all__ = [
    "DEEP_PROCESSING_UPDATED",
    "PERIOD_LOCKED",
    "PLAN_SET",
    "REPORT_DUE",
    "REPORT_RETURNED",
    "REPORT_REVISED",
    "REPORT_SUBMITTED",
    "DeepProcessingUpdated",
    "PeriodLocked",
    "PlanSet",
    "ReportDue",
    "ReportRecorded",
    "ReportReturned",
    "contracts",
]

PREFIX = "uz.coppercluster.production"
REPORT_SUBMITTED = f"{PREFIX}.report.submitted.v1"
REPORT_REVISED = f"{PREFIX}.report.revised.v1"
REPORT_RETURNED = f"{PREFIX}.report.returned.v1"
REPORT_DUE = f"{PREFIX}.report.due.v1"
PLAN_SET = f"{PREFIX}.plan.set.v1"
PERIOD_LOCKED = f"{PREFIX}.period.locked.v1"
DEEP_PROCESSING_UPDATED = f"{PREFIX}.deep_processing.updated.v1"

_ORG = UUID(AMMC_ID)
_AT = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
_REPORT = dict(
    organisation_id=_ORG,
    metric="cathode_output",
    period="2025-03",
    quantity=Decimal("12375.000"),
    unit="TNE",
    recorded_at=_AT,
)

contracts = EventContracts(
    service="production",
    source="/coppercluster/production",
    topic="production.events",
    description="Production reports, plans and the deep-processing share of the cluster.",
    contracts=[
        EventContract(
            REPORT_SUBMITTED,
            ReportRecorded,
            "A month's figure was reported.",
            ReportRecorded(**_REPORT, revision=1),
            "organisation_id",
        ),
        EventContract(
            REPORT_REVISED,
            ReportRecorded,
            "A reported figure was corrected.",
            ReportRecorded(
                **_REPORT,
                revision=2,
                previous_quantity=Decimal("12300.000"),
                reason="Final weighbridge data.",
            ),
            "organisation_id",
        ),
        EventContract(
            REPORT_RETURNED,
            ReportReturned,
            "An admin returned a reported figure to be revised.",
            ReportReturned(
                organisation_id=_ORG,
                report_id=4711,
                metric="cathode_output",
                period="2025-03",
                revision=1,
                reason="The figure does not match the weighbridge record.",
                returned_at=_AT,
            ),
            "organisation_id",
        ),
        EventContract(
            REPORT_DUE,
            ReportDue,
            "A month's report is not in and its due day is near, or today.",
            ReportDue(
                organisation_id=_ORG,
                period="2025-03",
                due_date=date(2025, 4, 10),
                reminder="due_soon",
                sent_at=_AT,
            ),
            "organisation_id",
        ),
        EventContract(
            PLAN_SET,
            PlanSet,
            "Monthly targets were set for a year.",
            PlanSet(
                organisation_id=_ORG,
                metric="cathode_output",
                year=2025,
                unit="TNE",
                monthly=[Decimal("12000.000")] * 12,
                annual=Decimal("144000.000"),
                recorded_at=_AT,
            ),
            "organisation_id",
        ),
        EventContract(
            PERIOD_LOCKED,
            PeriodLocked,
            "A month was closed for corrections.",
            PeriodLocked(period="2025-03", reason="Quarter closed.", locked_at=_AT),
            "period",
        ),
        EventContract(
            DEEP_PROCESSING_UPDATED,
            DeepProcessingUpdated,
            "A month's deep-processing share changed.",
            DeepProcessingUpdated(
                period="2025-03",
                copper_processed_t=Decimal("8100.000"),
                cathode_output_t=Decimal("12375.000"),
                share=Decimal("0.6545"),
                target=Decimal("0.80"),
                occurred_at=_AT,
            ),
            "period",
        ),
    ],
)
