"""The tables of the ``production`` schema (Alembic migrations make them; these say what
the statements may use)."""

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Identity,
    Index,
    Integer,
    Numeric,
    Table,
    Text,
    Uuid,
)
from sqlalchemy.sql.elements import ColumnElement

from clusterkit import member_projection
from clusterkit.consumer import Inbox
from clusterkit.member_projection import member_table
from clusterkit.outbox import Outbox
from clusterkit.sql import service_metadata
from production.events import contracts

metadata = service_metadata("production")
outbox = Outbox(metadata, topic=contracts.topic)
inbox = Inbox(metadata)

# Organisations that report production: Almalyk MMC (the cathode producer) and cluster
# members, projected from membership events (same ids as in membership).
organisations = member_table(metadata, "organisations", Column("kind", Text, nullable=False))


def effective_status() -> ColumnElement[str]:
    """A suspension with an end date is over once it has passed, with no event needed."""
    return member_projection.effective_status(organisations)


# Every report (kind ``actual``) and every plan target (kind ``plan``) as revisions in table
# ``figures``: nothing is overwritten. The latest revision of a key (kind, organisation,
# metric, period, category) counts; the revisions recorded up to a moment answer "as of"
# that moment.
revisions = Table(
    "figures",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("kind", Text, nullable=False),
    Column("organisation_id", Uuid, nullable=False),
    Column("metric", Text, nullable=False),
    Column("period", Date, nullable=False),
    Column("product_category", Text, nullable=False, server_default=""),
    Column("quantity", Numeric(20, 3), nullable=False),
    Column("unit", Text, nullable=False),
    Column("note", Text),
    Column("reason", Text),
    Column("revision", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", Text, nullable=False),
    CheckConstraint("kind IN ('actual', 'plan')", name="kind"),
    CheckConstraint("quantity >= 0", name="quantity_not_negative"),
)
# A key's revisions are unique; newest first with the quantity in the index, "the latest
# revision of each key" is read in index order without a sort (migration 0003).
Index(
    "uq_figures_key_revision",
    revisions.c.kind,
    revisions.c.organisation_id,
    revisions.c.metric,
    revisions.c.period,
    revisions.c.product_category,
    revisions.c.revision.desc(),
    unique=True,
    postgresql_include=["quantity"],
)

period_locks = Table(
    "period_locks",
    metadata,
    Column("period", Date, primary_key=True),
    Column("locked_at", DateTime(timezone=True), nullable=False),
    Column("locked_by", Text, nullable=False),
    Column("reason", Text),
)

# A report an admin returned for revision, by the revision returned: the month stays
# "returned" until a newer revision of that figure is recorded (migration 0004).
report_returns = Table(
    "report_returns",
    metadata,
    Column("revision_id", BigInteger, primary_key=True, autoincrement=False),
    Column("organisation_id", Uuid, nullable=False),
    Column("period", Date, nullable=False),
    Column("reason", Text, nullable=False),
    Column("returned_at", DateTime(timezone=True), nullable=False),
    Column("returned_by", Text, nullable=False),
)
Index(
    "ix_report_returns_organisation_period",
    report_returns.c.organisation_id,
    report_returns.c.period,
)

# Each reminder sent, once: the reminder job inserts before it publishes, in one transaction.
reminders = Table(
    "reminders",
    metadata,
    Column("organisation_id", Uuid, primary_key=True),
    Column("period", Date, primary_key=True),
    Column("reminder", Text, primary_key=True),
    Column("due_date", Date, nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
)
