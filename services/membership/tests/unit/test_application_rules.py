"""The application state machine, the granted quota and the duplicate-STIR decisions."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import pytest

from clusterkit.errors import Conflict
from membership.applications.rules import (
    STEPS,
    Action,
    Actor,
    ApplicationStatus,
    DuplicateStir,
    duplicate_stir,
    granted_quota,
    next_status,
)

from ..conftest import LEGAL


@pytest.mark.parametrize("current", list(ApplicationStatus))
@pytest.mark.parametrize("action", list(Action))
def test_each_step_leads_where_the_issue_says_or_is_a_409_naming_the_state(
    action: Action, current: ApplicationStatus
) -> None:
    legal = LEGAL.get((action.value, current.value))
    if legal is not None:
        assert next_status(action, current) == legal
        return
    with pytest.raises(Conflict) as refused:
        next_status(action, current)
    assert refused.value.code == "illegal-transition"
    assert refused.value.details["current_status"] == current
    assert refused.value.details["allowed_from"] == [
        from_ for (step, from_) in LEGAL if step == action.value
    ]
    assert str(current) in refused.value.detail
    assert action.value.replace("-", " ") in refused.value.detail


def test_admins_review_and_the_applicant_responds_and_withdraws() -> None:
    actors = {action: step.actor for action, step in STEPS.items()}
    assert actors == {
        Action.START_REVIEW: Actor.ADMIN,
        Action.REQUEST_INFO: Actor.ADMIN,
        Action.RESPOND: Actor.APPLICANT,
        Action.APPROVE: Actor.ADMIN,
        Action.REJECT: Actor.ADMIN,
        Action.WITHDRAW: Actor.APPLICANT,
    }


def test_decisions_and_withdrawals_are_final() -> None:
    final = {ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN}
    assert not any(final & set(step.allowed_from) for step in STEPS.values())


@pytest.mark.parametrize(
    ("requested", "granted", "quota"),
    [
        (Decimal("14000.5"), None, "14000.500"),  # what was asked, as the row holds it
        (Decimal("14000.5"), Decimal("9000"), "9000.000"),
        (Decimal("1"), Decimal("0"), "0.000"),  # a quota of nothing is still granted
        (Decimal("1"), Decimal("12.345"), "12.345"),
    ],
)
def test_the_granted_quota_has_the_rows_precision(
    requested: Decimal, granted: Decimal | None, quota: str
) -> None:
    assert str(granted_quota(requested, granted)) == quota


APPLICATION = UUID("0b6f3c52-5d1e-4c4e-9a39-2f1f6d7f1a01")
MEMBER = UUID("7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f")


def test_a_duplicate_stir_names_what_holds_it_the_open_application_first() -> None:
    both = duplicate_stir("305112233", application_id=APPLICATION, member_id=MEMBER)
    assert (both.application_id, both.member_id) == (APPLICATION, None)
    assert both.detail == "An application for STIR 305112233 is already open."
    member = duplicate_stir("305112233", application_id=None, member_id=MEMBER)
    assert (member.application_id, member.member_id) == (None, MEMBER)
    assert member.detail == "STIR 305112233 is already a cluster member."
    gone = duplicate_stir("305112233", application_id=None, member_id=None)
    assert (gone.application_id, gone.member_id) == (None, None)
    for refusal in (both, member, gone):
        assert isinstance(refusal, DuplicateStir)
        assert isinstance(refusal, Conflict)
        assert refusal.code == "duplicate-stir"
