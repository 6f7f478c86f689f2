"""Tables of the ``production`` schema."""

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
    String,
    Table,
    Text,
    Uuid,
    and_,
    case,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import ColumnElement

from clusterkit.consumer import Inbox
from clusterkit.db import service_metadata
from clusterkit.outbox import Outbox

SCHEMA = "production"
TOPIC = "production.events"

metadata = service_metadata(SCHEMA)
outbox = Outbox(metadata, topic=TOPIC)
inbox = Inbox(metadata)

# Organisations that report production: Almalyk MMC (the cathode producer) and cluster
# members, projected from membership events (same ids as in membership).
organisations = Table(
    "organisations",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("legal_name", Text, nullable=False),
    Column("stir", String(9), nullable=False),
    Column("region", String(5), nullable=False),
    Column("sectors", ARRAY(Text), nullable=False),
    Column("status", Text, nullable=False),
    Column("suspended_until", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


def effective_status() -> ColumnElement[str]:
    """A suspension with an end date is over once it has passed, with no event needed."""
    t = organisations.c
    return case(
        (
            and_(
                t.status == "suspended",
                t.suspended_until.is_not(None),
                t.suspended_until <= func.now(),
            ),
            "active",
        ),
        else_=t.status,
    )


# Every reported figure and every plan target, as revisions: nothing is overwritten. The
# latest revision of a key (kind, organisation, metric, period, category) counts; the
# revisions recorded up to a moment answer "as of" that moment.
figures = Table(
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
    figures.c.kind,
    figures.c.organisation_id,
    figures.c.metric,
    figures.c.period,
    figures.c.product_category,
    figures.c.revision.desc(),
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
