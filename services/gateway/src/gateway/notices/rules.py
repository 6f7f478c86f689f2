"""Who is told what, for each event: pure rules, no I/O.

A notice names its recipient by what it is to the platform (an application's applicant, a
member, a supplier, the suppliers of some categories, or an address); the sender looks the
address up when it sends, so an address changed in between is the one used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

MEMBERSHIP = "uz.coppercluster.membership"
PRODUCTION = "uz.coppercluster.production"
SUPPLY = "uz.coppercluster.supply"


@dataclass(frozen=True)
class Notice:
    kind: str
    recipient: str  # "applicant:<id>", "member:<id>", "supplier:<id>", "email:<address>", ...
    context: Mapping[str, Any] = field(default_factory=dict)


Rule = Callable[[Mapping[str, Any], tuple[str, ...]], list[Notice]]


def _applicant(kind: str) -> Rule:
    return lambda data, admins: [Notice(kind, f"applicant:{data['application_id']}", data)]


def _member(kind: str, key: str = "member_id") -> Rule:
    return lambda data, admins: [Notice(kind, f"member:{data[key]}", data)]


def _supplier(kind: str, id_of: Callable[[Mapping[str, Any]], str]) -> Rule:
    return lambda data, admins: [Notice(kind, f"supplier:{id_of(data)}", data)]


def _submitted(data: Mapping[str, Any], admins: tuple[str, ...]) -> list[Notice]:
    """The applicant gets a receipt; each admin address hears of a new application."""
    receipt = Notice("application_received", f"applicant:{data['application_id']}", data)
    return [receipt, *(Notice("new_application", f"email:{a}", data) for a in admins)]


def _request_opened(data: Mapping[str, Any], admins: tuple[str, ...]) -> list[Notice]:
    """Every verified supplier of one of the request's categories (found when sent)."""
    categories = ",".join(sorted(data.get("categories") or []))
    return [Notice("request_in_your_categories", f"suppliers-of:{categories}", data)]


RULES: dict[str, Rule] = {
    f"{MEMBERSHIP}.application.submitted.v1": _submitted,
    f"{MEMBERSHIP}.application.info_requested.v1": _applicant("information_requested"),
    f"{MEMBERSHIP}.application.approved.v1": _applicant("application_approved"),
    f"{MEMBERSHIP}.application.rejected.v1": _applicant("application_rejected"),
    f"{MEMBERSHIP}.member.suspended.v1": _member("membership_suspended"),
    f"{MEMBERSHIP}.member.reinstated.v1": _member("membership_reinstated"),
    f"{PRODUCTION}.report.due.v1": _member("report_due", "organisation_id"),
    f"{PRODUCTION}.report.returned.v1": _member("report_returned", "organisation_id"),
    f"{SUPPLY}.offer.submitted.v1": _member("offer_received"),
    f"{SUPPLY}.order.shipped.v1": _member("order_shipped"),
    f"{SUPPLY}.request.opened.v1": _request_opened,
    f"{SUPPLY}.order.placed.v1": _supplier("offer_accepted", lambda d: d["supplier"]["id"]),
    f"{SUPPLY}.offer.declined.v1": _supplier("offer_declined", lambda d: d["supplier_id"]),
    f"{SUPPLY}.supplier.certificate_expiring.v1": _supplier(
        "certificate_expiring", lambda d: d["supplier_id"]
    ),
}
KINDS = frozenset(
    {
        "application_received",
        "new_application",
        "information_requested",
        "application_approved",
        "application_rejected",
        "membership_suspended",
        "membership_reinstated",
        "report_due",
        "report_returned",
        "offer_received",
        "order_shipped",
        "request_in_your_categories",
        "offer_accepted",
        "offer_declined",
        "certificate_expiring",
    }
)


def notices_for(type_: str, data: Mapping[str, Any], admins: tuple[str, ...]) -> list[Notice]:
    """The notices an event makes (none for most events)."""
    rule = RULES.get(type_)
    return rule(data, admins) if rule else []


def retry_in(attempts: int, *, base: float, cap: float) -> timedelta:
    """How long after the ``attempts``-th failed try the next one is: doubling from
    ``base``, at most ``cap`` apart (an outage's backlog goes out soon after it ends)."""
    return timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))
