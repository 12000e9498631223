"""Appending to a book: one short transaction under the book's lock.

Inside the lock: read the head, answer a repeated event_id, check the
expected version and the rules, stamp recorded_at, seal the hash chain,
insert, commit. Because appends to a book are serialized, seq order is commit
order and a reader following `seq > n` never misses an event. Nothing slow
happens inside the lock: validation of the request is done before it.
"""

import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime

from sqlalchemy import BigInteger, Connection, Engine, bindparam, func, select
from sqlalchemy.exc import IntegrityError

from .. import clock, integrity
from ..catalogue import AMENDMENTS, CELL_STREAM, SCHEMA_VERSION, SLUG, NewEvent, check_data
from ..errors import ChiboError, Conflict, Invalid, NotFound
from ..rules import BookState, Target, check, member_refs
from ..timestamps import occurred_text, parse_instant, utc_text
from ..upcasting import upcast
from . import read
from .tables import books, events

EMPTY_HEAD = read.Head(0, integrity.GENESIS_HASH, "")
# Built once, as the reads in read.py: composing a statement costs as much as running it.
_INSERT_EVENT = events.insert()
_LOCK = select(func.pg_advisory_xact_lock(bindparam("key", type_=BigInteger)))
Advance = Callable[[Connection, dict], None]


def book_lock_key(book: str) -> int:
    """Return the signed 64-bit advisory lock key of a book."""
    return int.from_bytes(hashlib.sha256(b"chibo/" + book.encode()).digest()[:8], "big", signed=True)


@contextmanager
def locked_book(engine: Engine, book: str):
    """Open a write transaction that holds the book's lock until it ends."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(_LOCK, {"key": book_lock_key(book)})
            yield conn


class BookStates:
    """The rule state of recently written books, in this process, caught up on demand.

    Other processes append too, so a cached state is only trusted up to its
    head; `current` folds in whatever was committed since. The per-book
    thread lock keeps two threads of one process from folding the same state.
    """

    def __init__(self, size: int = 256):
        self._size = size
        self._states: OrderedDict[str, BookState] = OrderedDict()
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def lock(self, book: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(book, threading.Lock())

    def current(self, conn: Connection, book: str, head: read.Head) -> BookState:
        """Return the book's state at `head`, folding in events committed since."""
        state = self._states.pop(book, None)
        if state is None or state.head_seq > head.seq:
            state = BookState(book)
        state = _catch_up(conn, state, head)
        if state.head_hash != head.hash:  # not the history we folded: fold it all again
            state = _catch_up(conn, BookState(book), head)
        self.keep(state)
        return state

    def keep(self, state: BookState) -> None:
        with self._guard:
            self._states[state.book] = state
            self._states.move_to_end(state.book)
            while len(self._states) > self._size:
                self._states.popitem(last=False)


def _catch_up(conn: Connection, state: BookState, head: read.Head) -> BookState:
    """Fold the events after the state's head up to `head`, a page at a time."""
    while state.head_seq < head.seq:
        batch = read.page(conn, state.book, after_seq=state.head_seq, limit=2000)
        if not batch:
            break
        if state.head_seq and batch[0]["prev_hash"] != state.head_hash:
            return _catch_up(conn, BookState(state.book), head)  # a fresh state never restarts
        for envelope in batch:
            state.apply(envelope)
    return state


def append(
    engine: Engine, states: BookStates, book: str, event: NewEvent, actor: str, *, advance: Advance
) -> tuple[dict, bool]:
    """Append `event` to `book`; return (envelope, created). A repeat returns the stored one.

    `advance(conn, envelope)` extends the book's Merkle tree and signed
    checkpoint in the same transaction, so no event is ever stored unsigned.
    """
    return _append_all(engine, states, book, [event], actor, advance=advance, batch=False)[0]


def append_batch(
    engine: Engine, states: BookStates, book: str, events: list[NewEvent], actor: str, *, advance: Advance
) -> list[tuple[dict, bool]]:
    """Append every event or none, in order, each checked against the state the earlier ones leave.

    One transaction under the book's lock; a refusal names the event by its
    0-based `index` in its details and stores nothing.
    """
    return _append_all(engine, states, book, events, actor, advance=advance, batch=True)


def _append_all(
    engine: Engine, states: BookStates, book: str, events: list[NewEvent], actor: str, *, advance: Advance,
    batch: bool,
) -> list[tuple[dict, bool]]:
    stored: list[tuple[dict, bool]] = []
    with states.lock(book), locked_book(engine, book) as conn:
        head = read.head(conn, book)
        if head is None:
            raise NotFound(f"Không có chi bộ {book!r}.", {"cell": book})
        state = None
        for index, event in enumerate(events):
            try:
                if event.event_id and (repeated := read.by_event_id(conn, book, event.event_id)):
                    stored.append((_repeat(conn, repeated, event), False))
                    continue
                if state is None:
                    state = states.current(conn, book, head)
                envelope, members = _decide(conn, state, head, event, actor)
                _insert(conn, envelope, members)
                advance(conn, envelope)
            except ChiboError as error:
                if batch:
                    raise error.at_index(index) from None
                raise
            # Later events of a batch are checked against this one. Should the transaction not
            # commit, the cached state no longer matches the book and BookStates.current folds it afresh.
            state.apply(envelope)
            head = read.Head(envelope["seq"], envelope["hash"], envelope["recorded_at"])
            stored.append((envelope, True))
    return stored


def register_book(
    engine: Engine, states: BookStates, book: str, data, actor: str, occurred_at: str | None = None,
    *, advance: Advance, origin: str,
) -> dict:
    """Open a new book whose first event is CellRegistered; its checkpoints will name `origin`."""
    if not isinstance(book, str) or not SLUG.fullmatch(book):
        raise Invalid(
            "Mã chi bộ phải viết thường, không dấu, chỉ gồm chữ, số và gạch nối (vd. th-ky-tho).",
            {"cell_id": ["Mã không hợp lệ."]},
        )
    event = NewEvent(CELL_STREAM, "CellRegistered", check_data("CellRegistered", data), occurred_at)
    with states.lock(book):
        with locked_book(engine, book) as conn:
            if read.book_exists(conn, book):
                raise Conflict(f"Chi bộ {book!r} đã có sổ.", {"cell_id": book}, code="cell_exists")
            state = BookState(book)
            envelope, members = _decide(conn, state, EMPTY_HEAD, event, actor)
            conn.execute(books.insert(), {"book": book, "created_at": envelope["recorded_at"], "origin": origin})
            _insert(conn, envelope, members)
            advance(conn, envelope)
        state.apply(envelope)
        states.keep(state)
    return envelope


def _decide(
    conn: Connection, state: BookState, head: read.Head, event: NewEvent, actor: str
) -> tuple[dict, str | None]:
    """Check the event against the book and return its sealed envelope and the members it names."""
    version = state.versions.get(event.stream, 0)
    if event.expected_version is not None and event.expected_version != version:
        raise Conflict(
            f"Luồng {event.stream!r} đang ở phiên bản {version}, không phải {event.expected_version}.",
            {"stream": event.stream, "expected_version": event.expected_version, "version": version},
            code="version_conflict",
        )
    now = clock.now()
    occurred = parse_instant(event.occurred_at) if event.occurred_at else now.astimezone(clock.VIETNAM)
    target = _target(conn, state.book, event)
    event = replace(event, data=_final_data(event, target))
    # Who signs is who the account is (a user linked to a roster member), read in the append's transaction.
    signer = read.member_of_user(conn, actor, state.book) if event.type == "MinutesSigned" else None
    check(state, event, occurred, now, target, signer)
    envelope = {
        "book": state.book,
        "seq": head.seq + 1,
        "event_id": event.event_id or str(uuid.uuid4()),
        "stream": event.stream,
        "version": version + 1,
        "type": event.type,
        "schema": SCHEMA_VERSION,
        "occurred_at": occurred_text(occurred),
        "recorded_at": max(utc_text(now), head.recorded_at),  # never decreasing within a book
        "actor": actor,
        "data": event.data,
    }
    return integrity.seal(envelope, head.hash), _members_named(event, target)


def _target(conn: Connection, book: str, event: NewEvent) -> Target | None:
    if event.type not in AMENDMENTS:
        return None
    stored = read.by_seq(conn, book, event.data["target_seq"])
    if stored is None:
        return None
    stored = upcast(stored)  # a correction is of the event in its newest schema
    return Target(stored["seq"], stored["type"], stored["stream"], stored["occurred_at"], stored["data"])


def _final_data(event: NewEvent, target: Target | None) -> dict:
    """Put a correction's data in the stored form of its target's type."""
    if event.type != "EventCorrected" or target is None or target.type in AMENDMENTS:
        return event.data
    corrected = check_data(target.type, event.data["data"], path=("data", "data"))
    return {**event.data, "data": corrected}


def _members_named(event: NewEvent, target: Target | None) -> str | None:
    """Return " id1 id2 " of the members an event names (an amendment: those of its target)."""
    kind, data = event.type, event.data
    if event.type == "EventCorrected":
        kind, data = target.type, event.data["data"]
    elif event.type == "EventRetracted":
        kind, data = target.type, target.data
    named = sorted({member_id for _, member_id in member_refs(kind, data)})
    return f" {' '.join(named)} " if named else None


def _repeat(conn: Connection, stored: dict, event: NewEvent) -> dict:
    """Answer a repeated event_id: the stored envelope if the content is the same, else 409."""
    data = _final_data(event, _target(conn, stored["book"], event))
    same = (
        stored["stream"] == event.stream
        and stored["type"] == event.type
        and stored["data"] == data
        and (event.occurred_at is None or stored["occurred_at"] == event.occurred_at)
    )
    if not same:
        raise Conflict(
            "event_id này đã được dùng cho một sự kiện khác trong sổ.",
            {"event_id": stored["event_id"], "seq": stored["seq"]},
            code="event_id_reused",
        )
    return stored


def _insert(conn: Connection, envelope: dict, members: str | None) -> None:
    row = {**envelope, "members": members}
    row["occurred_utc"] = utc_text(datetime.fromisoformat(envelope["occurred_at"]))
    try:
        conn.execute(_INSERT_EVENT, row)
    except IntegrityError:
        raise Conflict("Sổ vừa thay đổi; hãy gửi lại.", {"book": envelope["book"]}, code="retry") from None


def derived_columns(envelope: dict, target: dict | None) -> dict:
    """Return the columns stored beside an event and derived from it (not covered by its hash).

    `members` (" id1 id2 " for ?member=) and `occurred_utc` (for ?from=&to=); `target` is the
    envelope an amendment points at, whose members it is filed under. verify recomputes these.
    """
    event = NewEvent(envelope["stream"], envelope["type"], envelope["data"], envelope["occurred_at"])
    members = None
    if event.type not in AMENDMENTS:
        members = _members_named(event, None)
    elif target is not None:
        members = _members_named(event, Target(
            target["seq"], target["type"], target["stream"], target["occurred_at"], target["data"]))
    return {"members": members, "occurred_utc": utc_text(datetime.fromisoformat(envelope["occurred_at"]))}


def insert_recorded(conn: Connection, envelopes: list[dict]) -> None:
    """Insert events exactly as recorded elsewhere (an import): no rules, no new recorded_at."""
    batch = {envelope["seq"]: envelope for envelope in envelopes}
    rows = []
    for envelope in envelopes:
        target = None
        if envelope["type"] in AMENDMENTS:
            seq = envelope["data"]["target_seq"]
            target = batch.get(seq) or read.by_seq(conn, envelope["book"], seq)
        rows.append({**envelope, **derived_columns(envelope, target)})
    if rows:
        conn.execute(events.insert(), rows)
