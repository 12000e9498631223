"""A book as a JSONL bundle, and back: streamed a page at a time both ways.

Export writes the header, the events and the signed checkpoints up to the
book's extent when it starts (see verify_book.extent). Import checks the
whole bundle first (hashes, chain, root, every signature under this
server's key) and only then copies it in one transaction, exactly as
recorded: no rules run, no recorded_at is stamped again, the checkpoints
are the original signed notes, and the tree is rebuilt from the same leaves,
so hashes, roots and checkpoints come out identical.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from .. import clock
from ..catalogue import SLUG
from ..checkpoints import Verifier, split_origin
from ..errors import Conflict, Invalid
from ..timestamps import utc_text
from ..verify import Bundle, Report, check_bundle, cosignature_line, event_line, header_line, note_line
from . import read, tree
from .append import insert_recorded, locked_book
from .integrity_tables import book_checkpoints, cosignatures
from .sampled_check import note_size
from .tables import books
from .verify_book import extent, notes

BATCH = 1000


def export_lines(engine: Engine, book: str, origin: str, verifier: Verifier | None,
                 people: dict[str, str] | None = None) -> Iterator[str]:
    """Yield the bundle of a book, line by line; the header names its origin, the key that signs it and
    the people the recording accounts are (outside the hashes: accounts are not events)."""
    upto = extent(engine, book)
    yield header_line(book, origin, verifier, utc_text(clock.now()), people)
    for envelope in read.scan(engine, book, upto_seq=upto):
        yield event_line(envelope)
    for note in notes(engine, book, upto):
        yield note_line(note)
    with engine.connect() as conn:  # the witnesses' cosignatures, which an import leaves behind
        kept = conn.execute(select(cosignatures.c.witness, cosignatures.c.size, cosignatures.c.line).where(
            cosignatures.c.book == book, cosignatures.c.size <= upto).order_by(
            cosignatures.c.witness, cosignatures.c.size)).all()
    for witness, size, line in kept:
        yield cosignature_line(witness, size, line)


class ImportRefused(Exception):
    """The bundle does not verify: nothing was imported."""

    def __init__(self, report: Report):
        super().__init__(f"{report.book}: first bad seq {report.first_bad_seq}")
        self.report = report


def import_bundle(
    engine: Engine, path: str | Path, verifier_for: Callable[[str], Verifier],
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Copy a verified bundle into the database, where its book does not exist yet.

    The signatures are checked with `verifier_for(log name of the bundle's origin)`, and the
    book keeps that origin. `progress(n)` is told of each event read, in each of the two readings.
    """
    bundle = Bundle(path)
    verifier = verifier_for(split_origin(bundle.origin)[0])
    if not SLUG.fullmatch(bundle.book):
        raise Invalid(f"Mã chi bộ {bundle.book!r} trong gói không hợp lệ.", {"book": bundle.book},
                      code="invalid_bundle")
    if _exists(engine, bundle.book):  # say so before reading the whole bundle
        raise _exists_error(bundle.book)
    counted = {"on_event": lambda *_: progress(1)} if progress else {}
    report = _check(bundle, verifier, **counted)
    if not report.ok:
        raise ImportRefused(report)
    with locked_book(engine, bundle.book) as conn:
        if read.book_exists(conn, bundle.book):
            raise _exists_error(bundle.book)
        copy = _Copy(conn, bundle.book, bundle.origin, progress)
        try:
            again = _check(bundle, verifier, on_event=copy.event, on_note=copy.note)
            copy.flush()
        except IntegrityError:
            raise Invalid("Gói có sự kiện trùng seq hoặc event_id; không nhập gì.", code="invalid_bundle") from None
        if not again.ok:  # the file changed between the two readings
            raise ImportRefused(again)
    return again


def _check(bundle: Bundle, verifier: Verifier, **hooks) -> Report:
    """Check the bundle as verify.check_bundle does: every hash, the tree, every checkpoint's signature."""
    return check_bundle(bundle, verifier, **hooks)


def _exists(engine: Engine, book: str) -> bool:
    with engine.connect() as conn:
        return read.book_exists(conn, book)


def _exists_error(book: str) -> Conflict:
    return Conflict(f"Chi bộ {book!r} đã có sổ trong cơ sở dữ liệu này; chỉ nhập được vào nơi chưa có sổ ấy.",
                    {"book": book}, code="cell_exists")


class _Copy:
    """Inserts what the check reads, in batches, inside the import's transaction."""

    def __init__(self, conn, book: str, origin: str, progress):
        self.conn, self.book, self.origin, self.progress = conn, book, origin, progress
        self.events, self.nodes, self.notes = [], [], []
        self.started = False

    def event(self, envelope: dict, leaf: bytes, completed: list) -> None:
        if not self.started:  # the book's row first: events refer to it
            self.conn.execute(books.insert(), {"book": self.book, "created_at": envelope["recorded_at"],
                                                   "origin": self.origin})
            self.started = True
        self.events.append(envelope)
        self.nodes.extend(completed)
        if len(self.events) >= BATCH:
            self.flush()

    def note(self, note: str) -> None:
        self.notes.append(note)
        if len(self.notes) >= BATCH:
            self.flush()

    def flush(self) -> None:
        # Events before checkpoints, which are read ahead of them; both tables refer only to books.
        insert_recorded(self.conn, self.events)
        if self.nodes:
            tree.add(self.conn, self.book, self.nodes)
        if self.notes:
            self.conn.execute(book_checkpoints.insert(), [
                {"book": self.book, "size": note_size(note), "note": note} for note in self.notes])
        if self.progress is not None and self.events:
            self.progress(len(self.events))
        self.events, self.nodes, self.notes = [], [], []

