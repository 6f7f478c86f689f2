"""webhooks: when the failure streak began, secrets sealed at rest, the previous secret of a
rotation (expand: the clear ``secret`` column may be empty; a later release drops it)"""

import sqlalchemy as sa
from alembic import op

from clusterkit.migrations import timestamp

revision = "0004"
down_revision = "0003"

SCHEMA = "gateway"

# What squawk flags here and why it is safe (tests/test_migrations.py).
SAFE_BECAUSE = {
    "ban-drop-not-null": (
        "only this release leaves secret NULL (it seals secrets instead); the release before "
        "still inserts clear ones, which this one seals. Its dispatcher, met with a sealed "
        "subscription during a rolling deploy, fails that round (rolled back: the delivery "
        "waits for a new instance), and nothing is lost. A secret may not stay in clear."
    ),
}


def upgrade() -> None:
    for column in (
        timestamp("failing_since", nullable=True),
        sa.Column("secret_sealed", sa.Text),
        sa.Column("previous_secret_sealed", sa.Text),
        timestamp("previous_secret_until", nullable=True),
    ):
        op.add_column("webhooks", column, schema=SCHEMA)
    # The app seals the clear secrets it finds (see docs/decisions, webhook secrets at rest)
    # and empties this column; the migration cannot: it does not have the keys.
    op.alter_column("webhooks", "secret", nullable=True, schema=SCHEMA)


def downgrade() -> None:
    # Only while no secret was sealed yet (a sealed one cannot be put back in clear here).
    op.alter_column("webhooks", "secret", nullable=False, schema=SCHEMA)
    for name in (
        "previous_secret_until",
        "previous_secret_sealed",
        "secret_sealed",
        "failing_since",
    ):
        op.drop_column("webhooks", name, schema=SCHEMA)
