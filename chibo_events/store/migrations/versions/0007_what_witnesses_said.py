"""What witnesses said of each book: their cosignatures, and the last refusal of each.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cosignatures",
        sa.Column("book", sa.String(length=64), nullable=False),
        sa.Column("witness", sa.String(length=200), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("line", sa.Text(), nullable=False),
        sa.Column("cosigned_at", sa.String(length=27), nullable=False),
        sa.ForeignKeyConstraint(["book"], ["books.book"]),
        sa.PrimaryKeyConstraint("book", "witness", "size", name="cosignatures_pk"),
    )
    op.create_table(
        "witness_refusals",
        sa.Column("book", sa.String(length=64), nullable=False),
        sa.Column("witness", sa.String(length=200), nullable=False),
        sa.Column("status", sa.SmallInteger(), nullable=False),
        sa.Column("witnessed_size", sa.BigInteger(), nullable=True),
        sa.Column("said", sa.Text(), nullable=False),
        sa.Column("at", sa.String(length=27), nullable=False),
        sa.ForeignKeyConstraint(["book"], ["books.book"]),
        sa.PrimaryKeyConstraint("book", "witness", name="witness_refusals_pk"),
    )


def downgrade() -> None:
    op.drop_table("witness_refusals")
    op.drop_table("cosignatures")
