"""Applications with their audit trails as a file: a row per audit line, its application's
summary beside it; the columns and their header labels (msgids)."""

from __future__ import annotations

from clusterkit.export import ORGANISATION, Column, Sheet
from clusterkit.i18n import N_

AUDIT_TRAILS = Sheet(
    "applications",
    N_("Applications"),
    (
        Column("id", N_("Application id")),
        *ORGANISATION,
        Column("sectors", N_("Sectors"), codes="sectors"),
        Column("status", N_("Status"), codes="application-states"),
        Column("submitted_at", N_("Submitted at (UTC)")),
        Column("action", N_("Step")),
        Column("from_status", N_("From status"), codes="application-states"),
        Column("to_status", N_("To status"), codes="application-states"),
        Column("actor", N_("Actor")),
        Column("reason", N_("Reason")),
        Column("at", N_("Step taken at (UTC)")),
    ),
)
