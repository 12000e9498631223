"""The store: the only part of chibo that speaks SQL.

`Store` ties an engine to the per-process rule states of its books; the
modules beside it hold the tables, the append transaction and the reads.
With a read replica (CHIBO_READ_DATABASE_URL), `Store.for_reading` gives the
reads that may lag a `Replica`: the same store reading the replica, whose
writes (appends, catching up the read models and the search) go to the primary.
"""

import threading
from collections import OrderedDict

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError

from ..catalogue import NewEvent
from ..checkpoints import DEFAULT_LOG_NAME, Signer
from ..verify import Report
from . import accounts, read
from .append import BookStates, append, append_batch, register_book
from .engine import init_db, make_engine
from .evidence import Integrity
from .overview_rows import OverviewRows
from .read_models import ReadModels
from .search_index import SearchIndex
from .verify_derived import derived_problems, read_model_problems
from .witnessed import Witnessed

QUICK_CHECKS_KEPT = 256  # books whose last quick check is kept
# The database cannot be reached, or is gone mid-request (a primary down, a file locked past its timeout): what
# the web layer answers 503 with Retry-After to, so that a client sends again (the same event_id stores once).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def unavailable_reason(error: Exception) -> str:
    """The first line of what the driver said of a database that did not answer, for a log or a message."""
    return str(error).splitlines()[0][:300]


class Store:
    """The books and accounts of one database."""

    role = "primary"  # which database a read came from, for the X-Chibo-Read-From header

    def __init__(self, engine: Engine, signer: Signer | None = None, log_name: str = DEFAULT_LOG_NAME,
                 reader: Engine | None = None):
        self.engine = engine
        self.accounts = _Accounts(engine)
        # Merkle tree, checkpoints, proofs, verify, bundles; new books' origins are <log_name>/<book>
        self.integrity = Integrity(engine, signer, log_name)
        self.read_models = ReadModels(engine)
        self.overview = OverviewRows(engine)  # the committee overview's lines, kept per book size
        self.search = SearchIndex(engine)  # the text of every event, for search across the minutes
        self.witnessed = Witnessed(engine)  # what the log's witnesses said of each book
        self._states = BookStates()
        self._quick: OrderedDict[tuple[str, int], Report] = OrderedDict()
        self._guard = threading.Lock()
        self.replica: Replica | None = Replica(self, reader) if reader is not None else None

    @classmethod
    def from_url(cls, url: str, signer: Signer | None = None, log_name: str = DEFAULT_LOG_NAME,
                 read_url: str | None = None, **engine_options) -> "Store":
        reader = make_engine(read_url, **engine_options) if read_url else None
        return cls(make_engine(url, **engine_options), signer, log_name, reader)

    def for_reading(self, book: str | None = None) -> "Store":
        """Return where a read that may lag goes: the replica, or this store (the primary).

        A read of one book goes to the replica only while the replica's head of that book is the primary's:
        the same seq and the same hash, and through the hash chain the same history. So its answer includes
        every acknowledged append, the reader's own among them, and never an event the primary does not hold
        (a standby left behind by a failover on another timeline). That costs a head lookup on each side. A
        read across books (the committee overview, search) goes to the replica as it stands, if it answers.
        A primary that does not answer is a 503 for reads too, as accounts and tokens are the primary's.
        """
        if self.replica is None:
            return self
        if book is None:
            try:
                with self.replica.engine.connect():  # the pool checks the connection (pool_pre_ping)
                    return self.replica
            except DATABASE_UNAVAILABLE:
                return self  # the replica is away: the primary answers
        wanted = self.head(book)
        if wanted is None:
            return self  # no such book: the primary says so
        try:
            held = self.replica.head(book)
        except DATABASE_UNAVAILABLE:
            return self
        return self.replica if held is not None and (held.seq, held.hash) == (wanted.seq, wanted.hash) else self

    def dispose(self) -> None:
        """Close every pooled connection (the primary's and the replica's)."""
        self.engine.dispose()
        if self.replica is not None:
            self.replica.engine.dispose()

    def init_schema(self) -> None:
        init_db(self.engine)

    def register_book(self, book: str, data, actor: str, occurred_at: str | None = None) -> dict:
        return register_book(
            self.engine, self._states, book, data, actor, occurred_at, advance=self.integrity.advance,
            origin=self.integrity.new_origin(book))

    def append(self, book: str, event: NewEvent, actor: str) -> tuple[dict, bool]:
        return append(self.engine, self._states, book, event, actor, advance=self.integrity.advance)

    def append_batch(self, book: str, events: list[NewEvent], actor: str) -> list[tuple[dict, bool]]:
        """Append all the events or none, in one transaction under the book's lock (see append.append_batch)."""
        return append_batch(self.engine, self._states, book, events, actor, advance=self.integrity.advance)

    def verify(self, book: str, *, against=(), progress=None, sampled: bool = False) -> Report:
        """Check a book: every event and its evidence (Integrity.verify), then what the store derived from them.

        The derived columns and the read models are what the filters, the minutes and the Word file read;
        a change to them by SQL is reported as `derived` or `read_model` (store/verify_derived.py).
        """
        report = self.integrity.verify(book, against=against, progress=progress, sampled=sampled)
        report.problems.extend(derived_problems(self.engine, book, report.size))
        report.problems.extend(read_model_problems(self.engine, self.read_models, book))
        return report

    def quick_verify(self, book: str) -> Report:
        """Return the sampled check of the book (the audit page's quick look), made once per size of the book.

        A page that every inspector reloads would otherwise fold and hash the whole book each time
        (measured: 1.75 s at 49,000 events); a new event makes a new size, so a new check.
        """
        key = (book, self.integrity.extent(book))
        with self._guard:
            if key in self._quick:
                self._quick.move_to_end(key)
                return self._quick[key]
        report = self.verify(book, sampled=True)
        with self._guard:
            self._quick[key] = report
            while len(self._quick) > QUICK_CHECKS_KEPT:
                self._quick.popitem(last=False)
        return report

    def page(self, book: str, **filters) -> list[dict]:
        with self.engine.connect() as conn:
            return read.page(conn, book, **filters)

    def task_assignments(self, book: str, task_ids: list[str], recorded_until: str | None = None) -> list[dict]:
        with self.engine.connect() as conn:
            return read.task_assignments(conn, book, task_ids, recorded_until)

    def events(self, book: str, **filters):
        """Yield a book's events in seq order, a page at a time (filters as for `page`)."""
        return read.scan(self.engine, book, **filters)

    def head(self, book: str) -> read.Head | None:
        with self.engine.connect() as conn:
            return read.head(conn, book)

    def size_at(self, book: str, recorded_until: str) -> int:
        with self.engine.connect() as conn:
            return read.size_at(conn, book, recorded_until)

    def book_exists(self, book: str) -> bool:
        with self.engine.connect() as conn:
            return read.book_exists(conn, book)

    def book_names(self) -> list[str]:
        with self.engine.connect() as conn:
            return read.book_names(conn)


class Replica(Store):
    """The primary's store reading a replica: what `Store.for_reading` gives a read that may lag.

    Its reads use the replica's engine; every write goes to the primary: appends, catching up the read models
    and the search index, keeping the overview's lines. Sign-ins and tokens are the primary's too, as a session
    made a moment ago must be found at once.
    """

    role = "replica"

    def __init__(self, primary: Store, reader: Engine):
        integrity = primary.integrity
        super().__init__(reader, integrity.signer, integrity.log_name)
        self.primary = primary
        self.accounts = primary.accounts
        self.read_models = ReadModels(primary.engine, reader)
        self.overview = OverviewRows(primary.engine, reader)
        self.search = SearchIndex(primary.engine, reader)

    def for_reading(self, book: str | None = None) -> Store:
        return self

    def init_schema(self) -> None:
        raise TypeError("a replica's schema is the primary's (init-db runs on CHIBO_DATABASE_URL)")

    def register_book(self, book: str, data, actor: str, occurred_at: str | None = None) -> dict:
        return self.primary.register_book(book, data, actor, occurred_at)

    def append(self, book: str, event: NewEvent, actor: str) -> tuple[dict, bool]:
        return self.primary.append(book, event, actor)

    def append_batch(self, book: str, events: list[NewEvent], actor: str) -> list[tuple[dict, bool]]:
        return self.primary.append_batch(book, events, actor)


class _Accounts:
    """Users and tokens of the store's database."""

    def __init__(self, engine: Engine):
        self._engine = engine

    def add(self, username, password_hash, role, cells=(), member=None):
        return accounts.add_user(self._engine, username, password_hash, role, cells, member)

    def find(self, username):
        return accounts.find_user(self._engine, username)

    def all(self):
        return accounts.list_users(self._engine)

    def linked(self, cell):
        return accounts.linked_users(self._engine, cell)

    def update(self, username, **changes):
        return accounts.update_user(self._engine, username, **changes)

    def issue_token(self, username):
        return accounts.issue_token(self._engine, username)

    def new_token(self, username):
        return accounts.new_token(self._engine, username)

    def tokens(self, username):
        return accounts.tokens_of(self._engine, username)

    def token_owner(self, token_id):
        return accounts.token_owner(self._engine, token_id)

    def revoke_token(self, token_id):
        return accounts.revoke_token(self._engine, token_id)

    def for_token(self, token):
        return accounts.account_for_token(self._engine, token)

    def start_session(self, username):
        return accounts.start_session(self._engine, username)

    def for_session(self, session_id):
        return accounts.account_for_session(self._engine, session_id)

    def end_session(self, session_id):
        accounts.end_session(self._engine, session_id)

    def end_sessions(self, username):
        accounts.end_sessions(self._engine, username)


__all__ = ["Store", "Replica", "make_engine", "init_db", "unavailable_reason"]
