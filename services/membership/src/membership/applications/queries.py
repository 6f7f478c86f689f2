"""The SQL of applications: the submission, the review steps with their audit lines, and
the reads.

A submission is one statement: the application row (unless the STIR is a current member,
or already has an open application: ``ON CONFLICT`` on that partial unique index) and its
first audit line, at the transaction's ``now()``. A review step is the locked read of the
application, then one statement for the change and its audit line.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, bindparam, exists, func, insert, literal, null, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.types import DateTime, Integer, Text, Uuid

from clusterkit.listing import KeysetList
from clusterkit.sql import Query, parameters
from membership.applications.rules import SUBMIT, Actor, ApplicationStatus
from membership.applications.schemas import Application, ApplicationSummary
from membership.tables import (
    CURRENT_MEMBER,
    OPEN_APPLICATION,
    application_transitions,
    applications,
    members,
)

a = applications.c
t = application_transitions.c
m = members.c

APPLICATION_ID = bindparam("application_id", type_=Uuid)
STIR = bindparam("stir", type_=a.stir.type)
# The application as the API answers it.
ANSWER = tuple(a[field] for field in Application.model_fields)
SUBMITTED = (
    "id",
    "legal_name",
    "stir",
    "region",
    "sectors",
    "planned_products",
    "requested_cathode_tpy",
    "contact",
    "proposal",
    "access_token_hash",
)
AUDIT_LINE = ("application_id", "action", "from_status", "to_status", "actor", "actor_key_id")


def _with_audit_line(change: Any, *line: Any) -> Query:
    """``change`` (an INSERT or UPDATE of one application, RETURNING the answer) and its
    audit line, in one statement."""
    changed = change.cte("changed")
    audit = insert(application_transitions).from_select(
        [*AUDIT_LINE, "reason", "at"], select(changed.c.id, *line)
    )
    return Query(select(changed).add_cte(audit.cte("audit")))


_submitted = parameters(applications, SUBMITTED)
_submitted["stir"] = STIR
SUBMIT_APPLICATION = _with_audit_line(
    upsert(applications)
    .from_select(
        [*SUBMITTED, "status", "submitted_at", "updated_at", "version"],
        select(
            *_submitted.values(),
            literal(ApplicationStatus.SUBMITTED.value, Text),
            func.now(),
            func.now(),
            literal(1, Integer),
        ).where(~exists().where(m.stir == STIR, CURRENT_MEMBER)),
    )
    .on_conflict_do_nothing(index_elements=[a.stir], index_where=OPEN_APPLICATION)
    .returning(*ANSWER),
    literal(SUBMIT, Text),
    null(),
    literal(ApplicationStatus.SUBMITTED.value, Text),
    literal(Actor.APPLICANT.value, Text),
    bindparam("actor_key_id", type_=Text),
    null(),
    func.now(),
)

# What holds a STIR: its open application, its current member (each at most one).
STIR_HOLDERS = Query(
    select(
        select(a.id)
        .where(a.stir == STIR, OPEN_APPLICATION)
        .scalar_subquery()
        .label("application_id"),
        select(m.id).where(m.stir == STIR, CURRENT_MEMBER).scalar_subquery().label("member_id"),
    )
)

# The application a review step starts from, locked until the step commits. Lock order
# (docs/decisions/0009): the application first, then what the step writes (the member an
# approval admits, the audit line); two steps on one application queue here, and the second
# sees the state the first left.
LOCKED = Query(
    select(a.status, a.stir, a.requested_cathode_tpy, a.access_token_hash)
    .where(a.id == APPLICATION_ID)
    .with_for_update()
)

TAKE_STEP = _with_audit_line(
    update(applications)
    .where(a.id == APPLICATION_ID)
    .values(
        status=bindparam("to_status", type_=Text),
        member_id=func.coalesce(bindparam("admitted", type_=Uuid), a.member_id),
        updated_at=func.now(),
        version=a.version + 1,
    )
    .returning(*ANSWER),
    bindparam("action", type_=Text),
    bindparam("from_status", type_=Text),
    bindparam("to_status", type_=Text),
    bindparam("actor", type_=Text),
    bindparam("actor_key_id", type_=Text),
    bindparam("reason", type_=Text),
    func.now(),
)

# What a member keeps of its application, as the company applied.
KEPT = ("legal_name", "stir", "region", "sectors", "planned_products", "contact")

# Approval admits the applicant: the member made of the application, unless its STIR is
# a current member already (ON CONFLICT on that partial unique index: no row).
ADMIT = Query(
    upsert(members)
    .from_select(
        [
            "id",
            "application_id",
            *KEPT,
            "cathode_quota_tpy",
            "admitted_at",
            "updated_at",
            "version",
        ],
        select(
            bindparam("new_member_id", type_=Uuid),
            a.id,
            *(a[name] for name in KEPT),
            bindparam("quota", type_=m.cathode_quota_tpy.type),
            func.now(),
            func.now(),
            literal(1, Integer),
        ).where(a.id == APPLICATION_ID),
    )
    .on_conflict_do_nothing(index_elements=[m.stir], index_where=CURRENT_MEMBER)
    .returning(
        m.id,
        m.application_id,
        m.legal_name,
        m.stir,
        m.region,
        m.sectors,
        m.cathode_quota_tpy,
        m.admitted_at,
    )
)

APPLICATION = Query(select(*ANSWER, a.access_token_hash).where(a.id == APPLICATION_ID))

# The audit trail, after the application's token hash (on every row: one round trip).
HISTORY = Query(
    select(a.access_token_hash, t.action, t.from_status, t.to_status, t.actor, t.reason, t.at)
    .select_from(applications.outerjoin(application_transitions, t.application_id == a.id))
    .where(a.id == APPLICATION_ID)
    .order_by(t.id)
)

SUMMARY = tuple(a[field] for field in ApplicationSummary.model_fields)


def _filtered(present: frozenset[str]) -> Select[Any]:
    query = select(*SUMMARY)
    if "status" in present:
        query = query.where(a.status == bindparam("status", type_=Text))
    if "region" in present:
        query = query.where(a.region == bindparam("region", type_=a.region.type))
    if "sector" in present:
        query = query.where(a.sectors.contains(bindparam("sector", type_=a.sectors.type)))
    if "submitted_from" in present:
        query = query.where(a.submitted_at >= bindparam("submitted_from", type_=DateTime(True)))
    if "submitted_to" in present:
        query = query.where(a.submitted_at < bindparam("submitted_to", type_=DateTime(True)))
    return query


# Applications for the reviewers, newest first.
APPLICATIONS = KeysetList(_filtered, key=[a.submitted_at, a.id], descending=True)

# The audit trails of a batch of applications, oldest line first (an export's rows).
TRAILS = Query(
    select(t.application_id, t.action, t.from_status, t.to_status, t.actor, t.reason, t.at)
    .where(t.application_id == func.any(bindparam("ids", type_=ARRAY(Uuid))))
    .order_by(t.application_id, t.id)
)
