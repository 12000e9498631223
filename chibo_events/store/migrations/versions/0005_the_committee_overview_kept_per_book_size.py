"""The committee overview's line of each cell for a month, kept per book size (overview_rows).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "overview_rows",
        sa.Column("book", sa.String(length=64), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("committee_id", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("on_day", sa.String(length=10), nullable=False),
        sa.Column("row", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.PrimaryKeyConstraint("book", "month", name="overview_rows_pk"),
    )


def downgrade() -> None:
    op.drop_table("overview_rows")
