"""supplier_contacts.language: the language of a supplier's notices (a nullable column only)"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"

SCHEMA = "supply"


def upgrade() -> None:
    op.add_column("supplier_contacts", sa.Column("language", sa.Text), schema=SCHEMA)


def downgrade() -> None:
    op.drop_column("supplier_contacts", "language", schema=SCHEMA)
