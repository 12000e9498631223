"""Stored read models: the projections folded a chunk at a time, each event applied exactly once.

`catch_up` folds the events after each projection's checkpoint into its
documents and moves the checkpoint in the same transaction, under a lock of
the book's read models: two readers catching up at once take turns, and the
second finds nothing left to do. A long backlog is folded in chunks so that
no transaction holds the lock for long (on SQLite that lock is the file's).

`rebuild` folds every book from the start into a new generation beside the
live one, then switches generations in one short transaction.
"""

from collections.abc import Callable, Iterable
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, update

from projections import PROJECTIONS
from projections.facts import AMENDMENTS

from ..upcasting import upcast
from . import read
from .append import locked_book
from .read_tables import read_checkpoints, read_docs, read_generations

CHUNK = 5000


def _upcast_or_none(envelope):
    return upcast(envelope) if envelope is not None else None

# Built once: a chunk's time should go to folding, not to composing SQL.
_DOCS_OF_KEYS = select(read_docs.c.key, read_docs.c.doc).where(
    read_docs.c.projection == bindparam("projection"), read_docs.c.generation == bindparam("generation"),
    read_docs.c.book == bindparam("book"), read_docs.c.key.in_(bindparam("keys", expanding=True)))
_UPDATE_DOC = update(read_docs).where(
    read_docs.c.projection == bindparam("b_projection"), read_docs.c.generation == bindparam("b_generation"),
    read_docs.c.book == bindparam("b_book"), read_docs.c.key == bindparam("b_key"),
).values(doc=bindparam("b_doc"), summary=bindparam("b_summary"))


@contextmanager
def _locked(engine: Engine, book: str):
    """Open a transaction holding the lock of the book's read models (not the book's own lock)."""
    with locked_book(engine, f"read-models:{book}") as conn:
        yield conn


def generations(conn: Connection) -> dict[str, int]:
    """Return the live generation of every projection (0 before any rebuild)."""
    found = dict(conn.execute(select(read_generations.c.projection, read_generations.c.generation)).all())
    return {name: found.get(name, 0) for name in PROJECTIONS}


def _checkpoints(conn: Connection, book: str, plan: dict[str, int]) -> dict[str, int]:
    rows = conn.execute(
        select(read_checkpoints.c.projection, read_checkpoints.c.generation, read_checkpoints.c.last_seq)
        .where(read_checkpoints.c.book == book)
    ).all()
    found = {(name, generation): seq for name, generation, seq in rows}
    return {name: found.get((name, generation), -1) for name, generation in plan.items()}


def _live(name: str, book: str) -> tuple:
    """Conditions for the live generation's documents, in one statement so a rebuild's switch
    can never fall between reading the generation and reading the documents."""
    live_generation = func.coalesce(
        select(read_generations.c.generation).where(read_generations.c.projection == name).scalar_subquery(), 0)
    return (read_docs.c.projection == name, read_docs.c.generation == live_generation, read_docs.c.book == book)


class _Documents:
    """The documents one chunk touches: loaded on first use, written back once at the end."""

    def __init__(self, conn: Connection, book: str, plan: dict[str, int]):
        self.conn, self.book, self.plan = conn, book, plan
        self._docs: dict[tuple[str, str], dict | None] = {}
        self._stored: set[tuple[str, str]] = set()
        self._dirty: set[tuple[str, str]] = set()

    def load(self, wanted: dict[str, set[str]]) -> None:
        """Read the stored documents of these keys, one query per projection (a chunk touches hundreds)."""
        for name, keys in wanted.items():
            keys = [key for key in keys if (name, key) not in self._docs]
            for start in range(0, len(keys), 500):
                part = keys[start:start + 500]
                rows = self.conn.execute(_DOCS_OF_KEYS, {
                    "projection": name, "generation": self.plan[name], "book": self.book, "keys": part})
                found = dict(rows.all())
                for key in part:
                    self._docs[name, key] = found.get(key)
                    if key in found:
                        self._stored.add((name, key))

    def get(self, name: str, key: str) -> dict | None:
        if (name, key) not in self._docs:
            self.load({name: {key}})
        return self._docs[name, key]

    def put(self, name: str, key: str, doc: dict) -> None:
        self._docs[name, key] = doc
        self._dirty.add((name, key))

    def write(self) -> None:
        """Write the changed documents back: one executemany for the new, one for the changed."""
        new, changed = [], []
        for name, key in self._dirty:
            doc = self._docs[name, key]
            row = {"doc": doc, "summary": PROJECTIONS[name].summary(doc), "projection": name,
                   "generation": self.plan[name], "book": self.book, "key": key}
            (changed if (name, key) in self._stored else new).append(row)
        if new:
            self.conn.execute(insert(read_docs), new)
        if changed:
            self.conn.execute(_UPDATE_DOC, [{f"b_{name}": value for name, value in row.items()} for row in changed])


def _target_of(conn: Connection, book: str, envelope: dict, seen: dict[int, dict]) -> dict | None:
    """The event an amendment amends (from `seen`, the batch so far, else the book), upcast; None for others."""
    if envelope["type"] not in AMENDMENTS:
        return None
    seq = envelope["data"]["target_seq"]
    return seen.get(seq) or _upcast_or_none(read.by_seq(conn, book, seq))


def _fold_chunk(conn: Connection, book: str, plan: dict[str, int]) -> int:
    """Fold the next chunk of events into the projections of `plan` (name → generation); return how many."""
    done = _checkpoints(conn, book, plan)
    batch = read.page(conn, book, after_seq=max(min(done.values()), 0), limit=CHUNK)
    if not batch:
        return 0
    docs = _Documents(conn, book, plan)
    seen: dict[int, dict] = {}
    work: list[tuple[str, str, dict, dict | None]] = []
    wanted: dict[str, set] = {name: set() for name in plan}
    batch = [upcast(envelope) for envelope in batch]  # folds read the newest schema (upcasting.py)
    for envelope in batch:  # first the keys every event touches, so the documents load in a few queries
        target = _target_of(conn, book, envelope, seen)
        for name in plan:
            if envelope["seq"] <= done[name]:
                continue
            for key in PROJECTIONS[name].keys(envelope, target):
                wanted[name].add(key)
                work.append((name, key, envelope, target))
        seen[envelope["seq"]] = envelope
    docs.load(wanted)
    for name, key, envelope, target in work:
        doc = PROJECTIONS[name].apply(docs.get(name, key), key, envelope, target)
        if doc is not None:
            docs.put(name, key, doc)
    docs.write()
    last = batch[-1]["seq"]
    for name, generation in plan.items():
        if done[name] < 0:
            conn.execute(insert(read_checkpoints), {
                "projection": name, "generation": generation, "book": book, "last_seq": last})
        elif done[name] < last:
            conn.execute(
                update(read_checkpoints).where(
                    read_checkpoints.c.projection == name, read_checkpoints.c.generation == generation,
                    read_checkpoints.c.book == book,
                ), {"last_seq": last},
            )
    return len(batch)


def _behind(conn: Connection, book: str, name: str) -> bool:
    """Whether the stored documents of a projection are behind the book's events (as a replica's may be)."""
    head = read.head(conn, book)
    done = _checkpoints(conn, book, {name: generations(conn)[name]})[name]
    return head is not None and done < head.seq


def _fold_the_rest(conn: Connection, book: str, found: dict[str, dict[str, dict]], done: dict[str, int],
                   wanted: dict[str, list[str] | None]) -> int:
    """Fold into `found`, in memory, the events a replica holds beyond its stored documents; return the seq reached.

    The primary catches the documents up and the replica receives them a moment after the events that made them;
    a reader of the replica gets both from one snapshot, so the answer is as fresh as the replica's events.
    """
    head = read.head(conn, book)
    reached = max(min(done.values(), default=0), 0)
    only = {name: None if keys is None else set(keys) for name, keys in wanted.items()}
    while head is not None and reached < head.seq:
        batch = [upcast(envelope) for envelope in read.page(conn, book, after_seq=reached, limit=CHUNK)]
        if not batch:
            break
        seen: dict[int, dict] = {}
        for envelope in batch:
            target = _target_of(conn, book, envelope, seen)
            for name, keys in only.items():
                if envelope["seq"] <= done[name]:
                    continue
                for key in PROJECTIONS[name].keys(envelope, target):
                    if keys is None or key in keys:
                        doc = PROJECTIONS[name].apply(found[name].get(key), key, envelope, target)
                        if doc is not None:
                            found[name][key] = doc
            seen[envelope["seq"]] = envelope
        reached = batch[-1]["seq"]
    return reached


class ReadModels:
    """The stored documents of every projection, kept up with the books.

    Catching up writes, so it goes to `engine` (the primary); the documents are read from `reader`, a replica
    where there is one (CHIBO_READ_DATABASE_URL), else the same engine. A replica behind the catch-up gives the
    documents and the seq they were folded up to from one snapshot of its own: an earlier state, never a mixed one.
    """

    def __init__(self, engine: Engine, reader: Engine | None = None):
        self.engine = engine
        self.reader = reader or engine

    def catch_up(self, book: str, progress: Callable[[int], None] | None = None) -> int:
        """Fold whatever the live read models of `book` have not seen yet; return how many events."""
        with self.engine.connect() as conn:
            plan = generations(conn)
            head = read.head(conn, book)
            if head is None or min(_checkpoints(conn, book, plan).values()) >= head.seq:
                return 0
        return self._fold(book, plan, progress)

    def _fold(self, book: str, plan: dict[str, int], progress) -> int:
        total = 0
        while True:
            with _locked(self.engine, book) as conn:
                folded = _fold_chunk(conn, book, plan)
            total += folded
            if progress and folded:
                progress(folded)
            if folded < CHUNK:
                return total

    def docs(self, book: str, name: str, keys: Iterable[str] | None = None) -> dict[str, dict]:
        """Return the live documents of a projection for a book (all, or those of `keys`), caught up."""
        return self.documents(book, {name: keys})[name]

    def documents(self, book: str, wanted: dict[str, Iterable[str] | None]) -> dict[str, dict[str, dict]]:
        """Return, caught up once, the live documents of several projections: name → keys (None: all)."""
        return self.documents_at(book, wanted)[0]

    def documents_at(self, book: str,
                     wanted: dict[str, Iterable[str] | None]) -> tuple[dict[str, dict[str, dict]], int]:
        """Return the documents as `documents` does, and the seq they were folded up to (one snapshot)."""
        self.catch_up(book)
        found: dict[str, dict[str, dict]] = {}
        wanted = {name: None if keys is None else list(keys) for name, keys in wanted.items()}
        snapshot = {"isolation_level": "REPEATABLE READ"} if self.reader.dialect.name == "postgresql" else {}
        with self.reader.connect().execution_options(**snapshot) as conn, conn.begin():
            plan = generations(conn)
            done = _checkpoints(conn, book, {name: plan[name] for name in wanted})
            for name, keys in wanted.items():
                query = select(read_docs.c.key, read_docs.c.doc).where(*_live(name, book))
                if keys is not None:
                    query = query.where(read_docs.c.key.in_(keys))
                found[name] = dict(conn.execute(query).all())
            if self.reader is not self.engine:
                return found, _fold_the_rest(conn, book, found, done, wanted)
        return found, max(min(done.values(), default=0), 0)

    def summaries(self, book: str, name: str) -> list[dict]:
        """Return the stored summaries of a projection's documents for a book, caught up."""
        self.catch_up(book)
        query = select(read_docs.c.summary).where(*_live(name, book), read_docs.c.summary.is_not(None))
        snapshot = {"isolation_level": "REPEATABLE READ"} if self.reader.dialect.name == "postgresql" else {}
        with self.reader.connect().execution_options(**snapshot) as conn, conn.begin():
            if self.reader is self.engine or not _behind(conn, book, name):
                return [summary for summary in conn.execute(query).scalars() if summary is not None]
        # a replica whose documents are behind its events (they come a moment after): fold the rest in memory
        summary = PROJECTIONS[name].summary
        return [found for doc in self.documents(book, {name: None})[name].values()
                if (found := summary(doc)) is not None]

    def rebuild(self, books: list[str], names: Iterable[str] | None = None,
                progress: Callable[[int], None] | None = None) -> dict[str, int]:
        """Fold every book into fresh documents of the named projections, then switch to them."""
        names = list(names or PROJECTIONS)
        with self.engine.begin() as conn:
            live = generations(conn)
            fresh = {name: live[name] + 1 for name in names}
            for name, generation in fresh.items():  # leftovers of a rebuild that was stopped
                self._drop(conn, name, generation)
        for book in books:
            self._fold(book, fresh, progress)
        with self.engine.begin() as conn:
            for name, generation in fresh.items():
                if conn.execute(update(read_generations).where(read_generations.c.projection == name),
                                {"generation": generation}).rowcount == 0:
                    conn.execute(insert(read_generations), {"projection": name, "generation": generation})
                self._drop(conn, name, live[name])
        return fresh

    @staticmethod
    def _drop(conn: Connection, name: str, generation: int) -> None:
        for table in (read_docs, read_checkpoints):
            conn.execute(delete(table).where(table.c.projection == name, table.c.generation == generation))
