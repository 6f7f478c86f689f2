"""notices: the email notices queued from events, and opt-outs (new tables only)"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0005"
down_revision = "0004"

SCHEMA = "gateway"


def _at(name: str, *, nullable: bool = False, now: bool = False) -> sa.Column[object]:
    default = sa.func.now() if now else None
    return sa.Column(name, sa.TIMESTAMP(timezone=True), nullable=nullable, server_default=default)


def upgrade() -> None:
    op.create_table(
        "notices",
        sa.Column("id", sa.BigInteger, sa.Identity(always=True), nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("recipient", sa.Text, nullable=False),
        sa.Column("context", JSONB, nullable=False),
        sa.Column("status", sa.Text, nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        _at("next_attempt_at", now=True),
        _at("claimed_at", nullable=True),
        _at("sent_at", nullable=True),
        sa.Column("email", sa.Text),
        sa.Column("last_error", sa.Text),
        _at("created_at", now=True),
        sa.PrimaryKeyConstraint("id", name="pk_notices"),
        schema=SCHEMA,
    )
    op.create_index(
        "uq_notices_event_kind_recipient",
        "notices",
        ["event_id", "kind", "recipient"],
        unique=True,
        schema=SCHEMA,
    )
    op.create_index(
        "ix_notices_due",
        "notices",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
        schema=SCHEMA,
    )
    op.create_table(
        "notice_opt_outs",
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        _at("opted_out_at", now=True),
        sa.PrimaryKeyConstraint("email", "kind", name="pk_notice_opt_outs"),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("notice_opt_outs", schema=SCHEMA)
    op.drop_table("notices", schema=SCHEMA)
