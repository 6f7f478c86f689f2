"""Who reports for whom and who sees an organisation's figures: an organisation's own key,
for an organisation that is active; admins for every organisation."""

from __future__ import annotations

from uuid import UUID

from clusterkit.auth import Caller
from clusterkit.errors import Forbidden, InvalidFields, Unauthenticated
from clusterkit.i18n import N_
from clusterkit.member_projection import ACTIVE


def acts_for(caller: Caller, organisation_id: UUID) -> bool:
    """The caller speaks for the organisation: its own key, or an admin's."""
    return caller.is_admin or caller.organisation_id == str(organisation_id)


def ensure_reports_for(caller: Caller, organisation_id: UUID) -> None:
    if not acts_for(caller, organisation_id):
        raise Forbidden(N_("A key reports only for its own organisation."))


def ensure_may_report(status: str | None) -> None:
    """The organisation exists (``status`` is None if not) and is active."""
    if status is None:
        raise InvalidFields(("organisation_id", N_("No organisation with this id.")))
    if status != ACTIVE:
        raise Forbidden(
            N_("The organisation is {status}; it cannot report."),
            code="organisation-not-active",
            params={"status": status},
            status_of_organisation=status,
        )


def ensure_sees(caller: Caller, organisation_id: UUID | None) -> None:
    """Organisation-level figures: admins see all, an organisation sees its own."""
    if caller.is_admin:
        return
    if caller.role == "anonymous":
        raise Unauthenticated(N_("Organisation figures need an API key."))
    if organisation_id is None or str(organisation_id) != caller.organisation_id:
        raise Forbidden(
            N_("A key sees only its own organisation's figures; pass its organisation_id.")
        )
