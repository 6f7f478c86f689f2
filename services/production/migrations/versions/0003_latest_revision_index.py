"""figures: the key's unique index ordered newest revision first, carrying the quantity

"The latest revision of each key" (reports list, KPIs, import, as_of) reads the index in its
own order, newest first, and the quantity from the index itself: no sort of every revision
(the deep-processing KPI over 1,000,000 revisions spent most of its time sorting them). One
index as before: the unique constraint becomes this unique index.
"""

from alembic import op

revision = "0003"
down_revision = "0002"

SCHEMA = "production"
KEY = "kind, organisation_id, metric, period, product_category"

# What squawk flags here and why it is safe (tests/test_migrations.py).
SAFE_BECAUSE = {
    "ban-drop-constraint": (
        "the unique constraint is replaced by a unique index on the same key in the same "
        "transaction: no committed moment is without the guarantee"
    ),
    "require-concurrent-index-creation": (
        "CONCURRENTLY cannot run in the transaction that drops the constraint; the build "
        "blocks writes to figures (reports, a few per member a month) for its duration, "
        "reads go on"
    ),
}


def upgrade() -> None:
    op.drop_constraint("uq_figures_key_revision", "figures", schema=SCHEMA, type_="unique")
    op.execute(
        f"CREATE UNIQUE INDEX uq_figures_key_revision ON {SCHEMA}.figures "
        f"({KEY}, revision DESC) INCLUDE (quantity)"
    )


def downgrade() -> None:
    op.execute(f"DROP INDEX {SCHEMA}.uq_figures_key_revision")
    op.execute(
        f"ALTER TABLE {SCHEMA}.figures ADD CONSTRAINT uq_figures_key_revision "
        f"UNIQUE ({KEY}, revision)"
    )
