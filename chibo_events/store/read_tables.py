"""The tables of the stored read models: documents, checkpoints, and which generation is live.

A rebuild writes a new generation beside the live one and then switches
`read_generations` in one short transaction, so readers never see a half-built model.
"""

from sqlalchemy import JSON, BigInteger, Boolean, Column, Integer, PrimaryKeyConstraint, String, Table, Text, false
from sqlalchemy.dialects.postgresql import JSONB

from .tables import metadata

_JSON = JSON().with_variant(JSONB(), "postgresql")

read_generations = Table(
    "read_generations", metadata,
    Column("projection", String(32), primary_key=True),
    Column("generation", Integer, nullable=False),
)

read_checkpoints = Table(
    "read_checkpoints", metadata,
    Column("projection", String(32), nullable=False),
    Column("generation", Integer, nullable=False),
    Column("book", String(64), nullable=False),
    Column("last_seq", BigInteger, nullable=False),  # every event up to here is in the documents, once
    PrimaryKeyConstraint("projection", "generation", "book", name="read_checkpoints_pk"),
)

read_docs = Table(
    "read_docs", metadata,
    Column("projection", String(32), nullable=False),
    Column("generation", Integer, nullable=False),
    Column("book", String(64), nullable=False),
    Column("key", String(80), nullable=False),
    Column("summary", _JSON),
    Column("doc", _JSON, nullable=False),
    PrimaryKeyConstraint("projection", "generation", "book", "key", name="read_docs_pk"),
)

# The committee overview's line of each cell for a month (chibo_events/committees.py), kept for the book's size
# and the day its figures are for: a new event, or a new day of the current month, makes it stale, never wrong.
overview_rows = Table(
    "overview_rows", metadata,
    Column("book", String(64), nullable=False),
    Column("month", String(7), nullable=False),
    Column("committee_id", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("on_day", String(10), nullable=False),
    Column("row", _JSON, nullable=False),
    PrimaryKeyConstraint("book", "month", name="overview_rows_pk"),
)

# What search reads of each event (chibo_events/search_text.py), folded, and how far each book has been read for
# it. Beside them the engine's own full-text index: an FTS5 table `search_fts` on SQLite, a GIN index on
# `to_tsvector('simple', folded)` on PostgreSQL (migration 0006; not tables of `metadata`: see migrate.py).
search_entries = Table(
    "search_entries", metadata,
    Column("book", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("stream", String(80), nullable=False),
    Column("type", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("folded", Text, nullable=False),
    Column("retracted", Boolean, nullable=False, server_default=false()),
    Column("corrected", Boolean, nullable=False, server_default=false()),
    PrimaryKeyConstraint("book", "seq", name="search_entries_pk"),
)

search_checkpoints = Table(
    "search_checkpoints", metadata,
    Column("book", String(64), primary_key=True),
    Column("last_seq", BigInteger, nullable=False),  # every event up to here has been read for search
)
