"""The schema of contract v1: books, events, accounts, read models, Merkle tree, checkpoints.

The schema as it stood when migrations began; databases made earlier by
create_all are stamped at this revision (see store/migrate.py).

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from chibo_events.store.engine import POSTGRES_GUARDS, SQLITE_GUARDS

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    """Create the tables, then the guard triggers that refuse UPDATE and DELETE."""
    op.create_table('books',
    sa.Column('book', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.PrimaryKeyConstraint('book')
    )
    op.create_table('read_checkpoints',
    sa.Column('projection', sa.String(length=32), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.Column('book', sa.String(length=64), nullable=False),
    sa.Column('last_seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('projection', 'generation', 'book', name='read_checkpoints_pk')
    )
    op.create_table('read_docs',
    sa.Column('projection', sa.String(length=32), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.Column('book', sa.String(length=64), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('summary', JSON, nullable=True),
    sa.Column('doc', JSON, nullable=False),
    sa.PrimaryKeyConstraint('projection', 'generation', 'book', 'key', name='read_docs_pk')
    )
    op.create_table('read_generations',
    sa.Column('projection', sa.String(length=32), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('projection')
    )
    op.create_table('users',
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.PrimaryKeyConstraint('username')
    )
    op.create_table('api_tokens',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.ForeignKeyConstraint(['username'], ['users.username'], ),
    sa.PrimaryKeyConstraint('token_hash')
    )
    op.create_table('book_checkpoints',
    sa.Column('book', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['book'], ['books.book'], ),
    sa.PrimaryKeyConstraint('book', 'size', name='book_checkpoints_pk'),
    sqlite_with_rowid=False
    )
    op.create_table('events',
    sa.Column('book', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('stream', sa.String(length=80), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('schema', sa.SmallInteger(), nullable=False),
    sa.Column('occurred_at', sa.String(length=40), nullable=False),
    sa.Column('occurred_utc', sa.String(length=27), nullable=False),
    sa.Column('recorded_at', sa.String(length=27), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('data', JSON, nullable=False),
    sa.Column('members', sa.Text(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['book'], ['books.book'], ),
    sa.PrimaryKeyConstraint('book', 'seq', name='events_pk'),
    sa.UniqueConstraint('book', 'event_id', name='events_event_id'),
    sa.UniqueConstraint('book', 'stream', 'version', name='events_stream_version')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('events_occurred', ['book', 'occurred_utc'], unique=False)
        batch_op.create_index('events_recorded_at', ['book', 'recorded_at'], unique=False)
        batch_op.create_index('events_type', ['book', 'type'], unique=False)

    op.create_table('merkle_nodes',
    sa.Column('book', sa.String(length=64), nullable=False),
    sa.Column('level', sa.SmallInteger(), nullable=False),
    sa.Column('idx', sa.BigInteger(), nullable=False),
    sa.Column('hash', sa.LargeBinary(length=32), nullable=False),
    sa.ForeignKeyConstraint(['book'], ['books.book'], ),
    sa.PrimaryKeyConstraint('book', 'level', 'idx', name='merkle_nodes_pk'),
    sqlite_with_rowid=False
    )
    op.create_table('user_cells',
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('cell', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['username'], ['users.username'], ),
    sa.PrimaryKeyConstraint('username', 'cell')
    )
    guards = POSTGRES_GUARDS if op.get_bind().dialect.name == "postgresql" else SQLITE_GUARDS
    for statement in guards:
        op.execute(statement)


def downgrade() -> None:
    """Drop everything: only for an empty database; a book is never migrated down."""
    op.drop_table('user_cells')
    op.drop_table('merkle_nodes')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('events_type')
        batch_op.drop_index('events_recorded_at')
        batch_op.drop_index('events_occurred')

    op.drop_table('events')
    op.drop_table('book_checkpoints')
    op.drop_table('api_tokens')
    op.drop_table('users')
    op.drop_table('read_generations')
    op.drop_table('read_docs')
    op.drop_table('read_checkpoints')
    op.drop_table('books')
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS chibo_refuse_change() CASCADE")
