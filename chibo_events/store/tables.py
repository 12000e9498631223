"""The tables: one events table for every book, plus books and accounts.

Timestamps are kept as the fixed strings that are hashed (see timestamps.py):
they sort in time order as text on both engines, and read back byte for byte.
"""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()

books = Table(
    "books", metadata,
    Column("book", String(64), primary_key=True),
    Column("created_at", String(27), nullable=False),
    # `<log name>/<book>`, fixed when the book is opened: CHIBO_LOG_NAME may change later, a book's origin never.
    # NULL (a row written by code older than migration 0003) means chibo/<book>.
    Column("origin", String(200)),
)

events = Table(
    "events", metadata,
    Column("book", String(64), ForeignKey("books.book"), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("event_id", String(36), nullable=False),
    Column("stream", String(80), nullable=False),
    Column("version", Integer, nullable=False),
    Column("type", String(40), nullable=False),
    Column("schema", SmallInteger, nullable=False),
    Column("occurred_at", String(40), nullable=False),
    Column("occurred_utc", String(27), nullable=False),  # occurred_at as a UTC key, for ranges
    Column("recorded_at", String(27), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("data", JSON().with_variant(JSONB(), "postgresql"), nullable=False),
    Column("members", Text),  # " id1 id2 " of members the event names, for ?member=
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    PrimaryKeyConstraint("book", "seq", name="events_pk"),
    UniqueConstraint("book", "stream", "version", name="events_stream_version"),
    UniqueConstraint("book", "event_id", name="events_event_id"),
    Index("events_recorded_at", "book", "recorded_at"),
    Index("events_occurred", "book", "occurred_utc"),
    Index("events_type", "book", "type"),
)

users = Table(
    "users", metadata,
    Column("username", String(64), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("created_at", String(27), nullable=False),
    # A disabled user keeps its name (the book's events name it as their actor) but signs in no more.
    Column("disabled", Boolean, nullable=False, server_default=false()),
    # The roster member the user is, in one of its cells: the person shown for its events, its own page.
    Column("member_cell", String(64), nullable=True),
    Column("member_id", String(64), nullable=True),
)

user_cells = Table(
    "user_cells", metadata,
    Column("username", String(64), ForeignKey("users.username"), primary_key=True),
    Column("cell", String(64), primary_key=True),
)

api_tokens = Table(
    "api_tokens", metadata,
    Column("token_hash", String(64), primary_key=True),  # SHA-256 of the token; the token is never stored
    Column("username", String(64), ForeignKey("users.username"), nullable=False),
    Column("created_at", String(27), nullable=False),
    Column("token_id", String(32), nullable=False),  # names the token in lists and revocations
    Column("last_used_at", String(27), nullable=True),  # written at most once a minute
    UniqueConstraint("token_id", name="uq_api_tokens_token_id"),
)

# A browser session is a row here as well as a signed cookie: signing out, or disabling the user,
# deletes the row, and a copy of the cookie kept elsewhere stops working at once.
sessions = Table(
    "sessions", metadata,
    Column("sid_hash", String(64), primary_key=True),  # SHA-256 of the session id the cookie carries
    Column("username", String(64), ForeignKey("users.username"), nullable=False, index=True),
    Column("created_at", String(27), nullable=False),
)
