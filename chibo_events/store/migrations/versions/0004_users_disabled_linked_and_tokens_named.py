"""Users can be disabled and linked to a roster member; tokens have an id and a last use.

Revision ID: 0004
Revises: 0003
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, which SQLite does in place: a batch would copy `users`, which others reference.
    op.add_column("users", sa.Column("disabled", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("users", sa.Column("member_cell", sa.String(length=64), nullable=True))
    op.add_column("users", sa.Column("member_id", sa.String(length=64), nullable=True))
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("token_id", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("last_used_at", sa.String(length=27), nullable=True))
    # Tokens issued before this revision get an id now: random, as new ones do, so it tells nothing of the token.
    connection = op.get_bind()
    tokens = sa.table("api_tokens", sa.column("token_hash", sa.String), sa.column("token_id", sa.String))
    for (token_hash,) in connection.execute(sa.select(tokens.c.token_hash)).all():
        connection.execute(tokens.update().where(tokens.c.token_hash == token_hash)
                           .values(token_id=secrets.token_hex(8)))
    with op.batch_alter_table("api_tokens") as batch:
        batch.alter_column("token_id", existing_type=sa.String(length=32), nullable=False)
        batch.create_unique_constraint("uq_api_tokens_token_id", ["token_id"])


def downgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_constraint("uq_api_tokens_token_id", type_="unique")
        batch.drop_column("last_used_at")
        batch.drop_column("token_id")
    for column in ("member_id", "member_cell", "disabled"):
        op.drop_column("users", column)
