"""Reading books: the head, single events, filtered pages, and a paged scan."""

from collections.abc import Callable, Iterator
from typing import NamedTuple, cast

from sqlalchemy import Connection, Engine, bindparam, func, select

from .. import checkpoints
from ..envelope import Envelope
from .tables import books, events, users

ENVELOPE_FIELDS = (
    "book", "seq", "event_id", "stream", "version", "type", "schema", "occurred_at",
    "recorded_at", "actor", "data", "prev_hash", "hash",
)
_ENVELOPE_COLUMNS = [events.c[name] for name in ENVELOPE_FIELDS]

# Built once: composing a statement costs more than SQLite takes to run it (~200 µs of an append's head read).
_HEAD = (select(events.c.seq, events.c.hash, events.c.recorded_at)
         .where(events.c.book == bindparam("book")).order_by(events.c.seq.desc()).limit(1))
_BY_EVENT_ID = select(*_ENVELOPE_COLUMNS).where(events.c.book == bindparam("book"),
                                                events.c.event_id == bindparam("event_id"))
_BY_SEQ = select(*_ENVELOPE_COLUMNS).where(events.c.book == bindparam("book"), events.c.seq == bindparam("seq"))
_BOOK_EXISTS = select(books.c.book).where(books.c.book == bindparam("book"))
_BOOK_ORIGIN = select(books.c.origin).where(books.c.book == bindparam("book"))


class Head(NamedTuple):
    seq: int
    hash: str
    recorded_at: str


def envelope_of(row) -> Envelope:
    """Return the contract's envelope for a row of the events table."""
    return cast(Envelope, dict(zip(ENVELOPE_FIELDS, row, strict=True)))


def head(conn: Connection, book: str) -> Head | None:
    """Return the last event's seq, hash and recorded_at, or None for no such book."""
    row = conn.execute(_HEAD, {"book": book}).first()
    return Head(*row) if row else None


def by_event_id(conn: Connection, book: str, event_id: str) -> Envelope | None:
    row = conn.execute(_BY_EVENT_ID, {"book": book, "event_id": event_id}).first()
    return envelope_of(row) if row else None


def by_seq(conn: Connection, book: str, seq: int) -> Envelope | None:
    row = conn.execute(_BY_SEQ, {"book": book, "seq": seq}).first()
    return envelope_of(row) if row else None


def page(
    conn: Connection, book: str, *, after_seq: int = 0, limit: int = 100, stream: str | None = None,
    type: str | None = None, member: str | None = None, since: str | None = None, until: str | None = None,
    streams: list[str] | None = None, types: list[str] | None = None, recorded_until: str | None = None,
    actor: str | None = None, upto_seq: int | None = None,
) -> list[Envelope]:
    """Return up to `limit` events after `after_seq` (and up to seq `upto_seq`) that pass every filter given.

    `since` and `until` bound occurred_at, as UTC keys (see timestamps.utc_text);
    `recorded_until` bounds recorded_at, for the book as it stood then.
    """
    query = select(*_ENVELOPE_COLUMNS).where(events.c.book == book, events.c.seq > after_seq)
    if upto_seq is not None:
        query = query.where(events.c.seq <= upto_seq)
    if stream is not None:
        query = query.where(events.c.stream == stream)
    if streams is not None:
        query = query.where(events.c.stream.in_(streams))
    if types is not None:
        query = query.where(events.c.type.in_(types))
    if recorded_until is not None:
        query = query.where(events.c.recorded_at <= recorded_until)
    if type is not None:
        query = query.where(events.c.type == type)
    if member is not None:
        query = query.where(events.c.members.contains(f" {member} ", autoescape=True))
    if actor is not None:
        query = query.where(events.c.actor == actor)
    if since is not None:
        query = query.where(events.c.occurred_utc >= since)
    if until is not None:
        query = query.where(events.c.occurred_utc <= until)
    rows = conn.execute(query.order_by(events.c.seq).limit(limit))
    return [envelope_of(row) for row in rows]


def task_assignments(conn: Connection, book: str, task_ids: list[str], recorded_until: str | None) -> list[Envelope]:
    """Return the TaskAssigned events of `task_ids` and the amendments of them, in seq order."""
    def recorded(query):
        return query if recorded_until is None else query.where(events.c.recorded_at <= recorded_until)

    assigned = conn.execute(recorded(select(*_ENVELOPE_COLUMNS).where(
        events.c.book == book, events.c.type == "TaskAssigned",
        events.c.data["task_id"].as_string().in_(task_ids),
    ))).all()
    seqs = [row.seq for row in assigned]
    amendments = conn.execute(recorded(select(*_ENVELOPE_COLUMNS).where(
        events.c.book == book, events.c.type.in_(["EventCorrected", "EventRetracted"]),
        events.c.data["target_seq"].as_integer().in_(seqs),
    ))).all() if seqs else []
    return sorted((envelope_of(row) for row in [*assigned, *amendments]), key=lambda e: e["seq"])


def scan(
    engine: Engine, book: str, *, after_seq: int = 0, upto_seq: int | None = None, page_size: int = 2000,
    on_page: Callable[[Connection, list[dict]], None] | None = None, **filters,
) -> Iterator[Envelope]:
    """Yield every event of a book after `after_seq` (and up to seq `upto_seq`) that passes the filters of `page`.

    Events come a page at a time, each page read in its own short connection,
    so a book of any size is read in flat memory without holding up writers.
    `on_page(conn, batch)` runs on that connection before the page is yielded.
    """
    while upto_seq is None or after_seq < upto_seq:
        with engine.connect() as conn:
            batch = page(conn, book, after_seq=after_seq, limit=page_size, upto_seq=upto_seq, **filters)
            if batch and on_page is not None:
                on_page(conn, batch)
        yield from batch
        if len(batch) < page_size:
            return
        after_seq = batch[-1]["seq"]


def size_at(conn: Connection, book: str, recorded_until: str) -> int:
    """Return how many events the book had at `recorded_until` (recorded_at never decreases within a book)."""
    seq = conn.execute(select(func.max(events.c.seq)).where(
        events.c.book == book, events.c.recorded_at <= recorded_until)).scalar()
    return seq or 0


def book_origin(conn: Connection, book: str) -> str | None:
    """Return the origin the book's checkpoints name; None if there is no such book.

    A NULL origin is a row written by code older than migration 0003: chibo/<book>.
    """
    row = conn.execute(_BOOK_ORIGIN, {"book": book}).first()
    if row is None:
        return None
    return row.origin or checkpoints.origin(book)


def book_names(conn: Connection) -> list[str]:
    return list(conn.execute(select(books.c.book).order_by(books.c.book)).scalars())


def book_exists(conn: Connection, book: str) -> bool:
    return conn.execute(_BOOK_EXISTS, {"book": book}).first() is not None


def member_of_user(conn: Connection, username: str, book: str) -> str | None:
    """Return the member_id a user is linked to in this book's roster, or None (unlinked, elsewhere, disabled)."""
    return conn.execute(
        select(users.c.member_id).where(users.c.username == username, users.c.member_cell == book,
                                        users.c.disabled.is_(False))
    ).scalar()
