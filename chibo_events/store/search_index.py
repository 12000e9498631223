"""The search index: each book's events read once for their text, and each engine's own full-text search over it.

`catch_up` reads the events after the book's search checkpoint, a page at a time, under a lock of its own
(two readers catching up at once take turns), keeps each event's text folded (search_text.py) and moves the
checkpoint in the same transaction; a retraction marks what it withdrew, a correction what it replaced.
`search` asks SQLite's FTS5 (ranked by bm25) or PostgreSQL's tsvector (ranked by ts_rank) for entries holding
every word (the last may be the start of one), in the books given.
"""

from typing import NamedTuple

from sqlalchemy import Connection, Engine, bindparam, insert, select, text, update

from ..search_text import event_text, fold
from . import read
from .append import locked_book
from .read_tables import search_checkpoints, search_entries

PAGE = 2000
RETRACTION, CORRECTION = "EventRetracted", "EventCorrected"

_SQLITE = text(
    "SELECT e.book, e.seq, e.stream, e.type, e.text, e.corrected FROM search_fts AS f "
    "JOIN search_entries AS e ON e.book = f.book AND e.seq = f.seq "
    "WHERE search_fts MATCH :query AND NOT e.retracted AND e.book IN :books "
    "ORDER BY bm25(search_fts), e.book, e.seq LIMIT :limit"
).bindparams(bindparam("books", expanding=True))
_POSTGRES = text(
    "SELECT book, seq, stream, type, text, corrected FROM search_entries "
    "WHERE to_tsvector('simple', folded) @@ to_tsquery('simple', :query) AND NOT retracted AND book IN :books "
    "ORDER BY ts_rank(to_tsvector('simple', folded), to_tsquery('simple', :query)) DESC, book, seq LIMIT :limit"
).bindparams(bindparam("books", expanding=True))
_FTS_ROW = text("INSERT INTO search_fts (folded, book, seq) VALUES (:folded, :book, :seq)")


class Found(NamedTuple):
    book: str
    seq: int
    stream: str
    type: str
    text: str
    corrected: bool


class SearchIndex:
    """The search entries of every book: kept up on `engine` (the primary), searched on `reader` (a replica, or it)."""

    def __init__(self, engine: Engine, reader: Engine | None = None):
        self.engine = engine
        self.reader = reader or engine
        self.sqlite = engine.dialect.name == "sqlite"

    def _checkpoint(self, conn: Connection, book: str) -> int:
        return conn.execute(select(search_checkpoints.c.last_seq)
                            .where(search_checkpoints.c.book == book)).scalar() or 0

    def catch_up(self, book: str) -> int:
        """Read for search whatever the book holds past its checkpoint; return how many events were read."""
        with self.engine.connect() as conn:
            head = read.head(conn, book)
            if head is None or self._checkpoint(conn, book) >= head.seq:
                return 0
        done = 0
        while True:
            with locked_book(self.engine, f"search:{book}") as conn:
                after = self._checkpoint(conn, book)
                batch = read.page(conn, book, after_seq=after, limit=PAGE)
                if not batch:
                    return done
                self._keep(conn, book, batch)
                values = {"book": book, "last_seq": batch[-1]["seq"]}
                if after:
                    conn.execute(update(search_checkpoints).where(search_checkpoints.c.book == book)
                                 .values(last_seq=values["last_seq"]))
                else:
                    conn.execute(insert(search_checkpoints).values(**values))
            done += len(batch)
            if len(batch) < PAGE:
                return done

    def _keep(self, conn: Connection, book: str, batch: list[dict]) -> None:
        rows: dict[int, dict] = {}  # by seq: a retraction or correction in the same page marks its target here
        for envelope in batch:
            data = envelope["data"]
            if envelope["type"] in (RETRACTION, CORRECTION):
                marked, target = ("retracted" if envelope["type"] == RETRACTION else "corrected"), data["target_seq"]
                if target in rows:
                    rows[target][marked] = True
                else:
                    conn.execute(update(search_entries).where(search_entries.c.book == book,
                                                              search_entries.c.seq == target).values({marked: True}))
            words = event_text(data.get("data", {}) if envelope["type"] == CORRECTION else data)
            if envelope["type"] != RETRACTION and words:
                rows[envelope["seq"]] = {"book": book, "seq": envelope["seq"], "stream": envelope["stream"],
                                         "type": envelope["type"], "text": words, "folded": fold(words),
                                         "retracted": False, "corrected": False}
        if rows:
            conn.execute(insert(search_entries), list(rows.values()))
            if self.sqlite:
                conn.execute(_FTS_ROW, [{"folded": r["folded"], "book": r["book"], "seq": r["seq"]}
                                        for r in rows.values()])

    def search(self, books: list[str], words: list[str], limit: int = 50) -> list[Found]:
        """Return the entries of `books` holding every word (the last may be a word's start), best first."""
        if not books or not words:
            return []
        for book in books:
            self.catch_up(book)
        # Every word whole but the last, which may be the start of one, as it is while a word is being typed.
        *whole, start = words
        if self.sqlite:
            query, statement = " ".join([*(f'"{w}"' for w in whole), f'"{start}"*']), _SQLITE
        else:
            query, statement = " & ".join([*whole, f"{start}:*"]), _POSTGRES
        with self.reader.connect() as conn:
            rows = conn.execute(statement, {"query": query, "books": books, "limit": limit}).all()
        return [Found(book, seq, stream, kind, words_, bool(corrected))
                for book, seq, stream, kind, words_, corrected in rows]
