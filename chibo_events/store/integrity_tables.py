"""The tables of tamper evidence: each book's Merkle tree and its signed checkpoints.

Both are written only inside the append transaction (or by an import) and,
like events, never changed: the database refuses UPDATE and DELETE on them
too (see engine.py). Neither is trusted by `verify`: the tree is recomputed
from the events and compared, and a checkpoint counts only if its signature
holds under a key the database does not contain.
"""

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    LargeBinary,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    Text,
)

from .tables import metadata

# Every complete subtree of every book, as Trillian keeps them: (level, idx)
# covers leaves [idx·2^level, (idx+1)·2^level); level 0 holds the leaf hashes.
# About two rows per event; any root or proof is one indexed read of O(log n) rows.
merkle_nodes = Table(
    "merkle_nodes", metadata,
    Column("book", String(64), ForeignKey("books.book"), nullable=False),
    Column("level", SmallInteger, nullable=False),
    Column("idx", BigInteger, nullable=False),
    Column("hash", LargeBinary(32), nullable=False),
    PrimaryKeyConstraint("book", "level", "idx", name="merkle_nodes_pk"),
    sqlite_with_rowid=False,
)

# One signed note per append, kept for every size: a rewrite that keeps the
# chain and the tree consistent still fails against the first checkpoint it
# touches, which names the first changed seq. Only the latest is needed to
# extend the book; a rollback to an older one is what inspectors' copies catch.
book_checkpoints = Table(
    "book_checkpoints", metadata,
    Column("book", String(64), ForeignKey("books.book"), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("note", Text, nullable=False),
    PrimaryKeyConstraint("book", "size", name="book_checkpoints_pk"),
    sqlite_with_rowid=False,
)

# What witnesses said of each book (chibo_events/witnessing.py): their cosignatures, one per witness and size,
# and the last time each refused one (an alarm: it holds a larger or another tree). Not evidence by
# themselves, and not guarded: a cosignature counts only if it verifies under the witness's key, which the
# database does not hold, and the witness keeps its own copy of what it cosigned.
cosignatures = Table(
    "cosignatures", metadata,
    Column("book", String(64), ForeignKey("books.book"), nullable=False),
    Column("witness", String(200), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("line", Text, nullable=False),
    Column("cosigned_at", String(27), nullable=False),
    PrimaryKeyConstraint("book", "witness", "size", name="cosignatures_pk"),
)

witness_refusals = Table(
    "witness_refusals", metadata,
    Column("book", String(64), ForeignKey("books.book"), nullable=False),
    Column("witness", String(200), nullable=False),
    Column("status", SmallInteger, nullable=False),
    Column("witnessed_size", BigInteger),  # the size it holds, when it said (a 409)
    Column("said", Text, nullable=False),
    Column("at", String(27), nullable=False),
    PrimaryKeyConstraint("book", "witness", name="witness_refusals_pk"),
)
