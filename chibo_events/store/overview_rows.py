"""The committee overview's kept lines: each cell's figures for a month, stored with the book size they were made at.

A line is used only while the book still has that size and the day it was made for is still the day wanted, so
reading an overview is two queries (the books' sizes, the month's lines) when nothing has changed; a line that
has gone stale is made again by chibo_events/committees.py and kept here in place of the old one.
"""

from typing import NamedTuple

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from .read_tables import overview_rows
from .tables import books, events

# The size of every book in one statement, each from the events' primary key (book, seq): one index probe a book.
_SIZES = select(books.c.book, select(func.max(events.c.seq)).where(events.c.book == books.c.book)
                .scalar_subquery().label("size"))


class Kept(NamedTuple):
    committee_id: str
    size: int
    on_day: str
    row: dict


class OverviewRows:
    """The kept lines: read from `reader` (a replica, or the primary itself), kept on `engine` (the primary)."""

    def __init__(self, engine: Engine, reader: Engine | None = None):
        self.engine = engine
        self.reader = reader or engine

    def sizes(self) -> dict[str, int]:
        """Return {book: its last seq} for every book."""
        with self.reader.connect() as conn:
            return {book: size or 0 for book, size in conn.execute(_SIZES).all()}

    def month(self, month: str) -> dict[str, Kept]:
        """Return the kept line of every book for `month` (YYYY-MM), fresh or not."""
        query = select(overview_rows.c.book, overview_rows.c.committee_id, overview_rows.c.size,
                       overview_rows.c.on_day, overview_rows.c.row).where(overview_rows.c.month == month)
        with self.reader.connect() as conn:
            return {book: Kept(*kept) for book, *kept in conn.execute(query)}

    def keep(self, book: str, month: str, kept: Kept) -> None:
        """Keep `kept` as the book's line for the month, in place of any older one."""
        try:
            with self.engine.begin() as conn:
                conn.execute(delete(overview_rows).where(overview_rows.c.book == book,
                                                         overview_rows.c.month == month))
                conn.execute(insert(overview_rows).values(book=book, month=month, **kept._asdict()))
        except IntegrityError:
            pass  # another reader kept the same book's line at the same moment: one of the two is enough
