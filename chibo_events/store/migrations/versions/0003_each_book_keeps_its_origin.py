"""Each book keeps the checkpoint origin it was opened with (CHIBO_LOG_NAME may change later).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("books") as batch:
        batch.add_column(sa.Column("origin", sa.String(length=200), nullable=True))
    # Every book opened before this revision was signed as chibo/<book>.
    op.execute("UPDATE books SET origin = 'chibo/' || book WHERE origin IS NULL")


def downgrade() -> None:
    with op.batch_alter_table("books") as batch:
        batch.drop_column("origin")
