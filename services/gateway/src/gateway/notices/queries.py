"""The SQL of notices: queue, claim one, settle it, opt-outs and the dead letters."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Integer, Text, bindparam, func, select, text, update
from sqlalchemy.dialects.postgresql import JSONB, insert

from clusterkit.listing import KeysetList
from clusterkit.sql import Query, parameters
from gateway.tables import notice_opt_outs, notices

n, o = notices.c, notice_opt_outs.c
_id = bindparam("id", type_=BigInteger)
_seconds = bindparam("seconds", type_=Integer)

QUEUE = Query(
    insert(notices)
    .values(**parameters(notices, ["event_id", "kind", "recipient", "context"]))
    .on_conflict_do_nothing()
)

# The oldest notice due, claimed (``sending``) in a transaction of its own: a notifier
# killed while it sends leaves it ``sending``, never sends it again (see IN_DOUBT).
_due = (
    select(n.id)
    .where(n.status == "pending", n.next_attempt_at <= func.now())
    .order_by(n.next_attempt_at, n.id)
    .limit(1)
    .with_for_update(skip_locked=True)
    .scalar_subquery()
)
CLAIM = Query(
    update(notices)
    .where(n.id == _due)
    .values(status="sending", claimed_at=func.now(), attempts=n.attempts + 1)
    .returning(n.id, n.event_id, n.kind, n.recipient, n.context, n.attempts, n.created_at)
)


def _settled(**values: Any) -> Query:
    """One notice (``id``) given its next status and what goes with it."""
    return Query(update(notices).where(n.id == _id).values(**values))


SENT = _settled(status="sent", sent_at=func.now(), email=bindparam("email", type_=Text))
# Settled without a mail: nobody to send to, or the recipient opted out.
SKIPPED = _settled(status="skipped", last_error=bindparam("why", type_=Text))
RETRY = _settled(
    status="pending",
    claimed_at=None,
    last_error=bindparam("error", type_=Text),
    next_attempt_at=func.now() + func.make_interval(0, 0, 0, 0, 0, 0, _seconds),
)
DEAD = _settled(status="dead", last_error=bindparam("error", type_=Text))
# A notice left ``sending`` longer than a send can take: its notifier stopped mid-send. It
# may or may not have gone out, so it is not sent again: an admin reads it in the dead
# letters and may send it again.
IN_DOUBT = Query(
    update(notices)
    .where(
        n.status == "sending",
        n.claimed_at < func.now() - func.make_interval(0, 0, 0, 0, 0, 0, _seconds),
    )
    .values(status="dead", last_error="in doubt: the notifier stopped while sending it")
)
FAN_OUT = Query(
    insert(notices)
    .values(
        event_id=bindparam("event_id", type_=Text),
        kind=bindparam("kind", type_=Text),
        recipient=bindparam("recipient", type_=Text),
        context=bindparam("context", type_=JSONB),
        status=text("'pending'"),
    )
    .on_conflict_do_nothing()
)
AGAIN = Query(
    update(notices)
    .where(n.id == _id, n.status == "dead")
    .values(status="pending", next_attempt_at=func.now(), claimed_at=None)
    .returning(n.id)
)
OPTED_OUT = Query(
    select(o.email).where(
        o.email == bindparam("email", type_=Text), o.kind == bindparam("kind", type_=Text)
    )
)
OPT_OUT = Query(
    insert(notice_opt_outs)
    .values(**parameters(notice_opt_outs, ["email", "kind"]))
    .on_conflict_do_nothing()
)

DEAD_LETTERS = KeysetList(
    lambda present: select(
        n.id,
        n.event_id,
        n.kind,
        n.recipient,
        n.attempts,
        n.last_error,
        n.created_at,
        n.claimed_at,
    ).where(n.status == "dead"),
    key=[n.id],
    descending=True,
)
