"""Search across the minutes: each event's text folded, each engine's own full-text index over it.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_entries",
        sa.Column("book", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("stream", sa.String(length=80), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("folded", sa.Text(), nullable=False),
        sa.Column("retracted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("corrected", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("book", "seq", name="search_entries_pk"),
    )
    op.create_table(
        "search_checkpoints",
        sa.Column("book", sa.String(length=64), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("book"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX search_entries_fts ON search_entries USING gin (to_tsvector('simple', folded))")
    else:
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(folded, book UNINDEXED, seq UNINDEXED)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE search_fts")
    op.drop_table("search_checkpoints")
    op.drop_table("search_entries")
