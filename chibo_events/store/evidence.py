"""Tamper evidence of a store's books: one object, `Store.integrity`.

Inside each append (`advance`): read the tree's frontier and the latest
signed checkpoint, refuse to go on from a book the checkpoint no longer
vouches for, store the subtrees the new leaf completes and sign the new
checkpoint: four small statements by primary key and one signature (~45 µs)
in the append's transaction. The latest checkpoint's signature is checked
too (~110 µs) unless this process wrote that very note.
Outside: the latest checkpoint, inclusion and consistency proofs,
verification, export and import.

A store without a signing key (tests of other things) keeps the tree but
signs nothing; `verify` then reports every event as unsigned.
"""

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, select
from sqlalchemy.exc import IntegrityError

from .. import checkpoints, integrity, merkle
from ..checkpoints import CheckpointError, Signer, Verifier
from ..errors import Conflict, Invalid, NotFound
from ..verify import Report
from . import bundle, read, tree
from .integrity_tables import book_checkpoints
from .verify_book import extent, verify_book

# Built once: an append should spend its time in the database, not composing SQL.
LATEST = (
    select(book_checkpoints.c.size, book_checkpoints.c.note)
    .where(book_checkpoints.c.book == bindparam("book")).order_by(book_checkpoints.c.size.desc()).limit(1)
)
INSERT_CHECKPOINT = book_checkpoints.insert()


class Integrity:
    """The Merkle trees, signed checkpoints and proofs of the books of one database."""

    def __init__(self, engine: Engine, signer: Signer | None = None, log_name: str = checkpoints.DEFAULT_LOG_NAME):
        self.engine = engine
        self.signer = signer
        self.log_name = checkpoints.check_log_name(log_name)  # of the books opened from now on
        # book -> (note, root) this process signed last: its signature need not be checked again
        self._signed: dict[str, tuple[str, bytes]] = {}
        self._origins: dict[str, str] = {}  # a book's origin never changes once it is opened

    @property
    def verifier(self) -> Verifier | None:
        """The key of the books opened from now on (named CHIBO_LOG_NAME), as inspectors hold it."""
        return self.signer.verifier_for(self.log_name) if self.signer else None

    def new_origin(self, book: str) -> str:
        return checkpoints.origin(book, self.log_name)

    def origin(self, book: str, conn: Connection | None = None) -> str:
        """Return the origin the book's checkpoints name; raise NotFound if there is no such book."""
        if (known := self._origins.get(book)) is not None:
            return known
        if conn is None:
            with self.engine.connect() as own:
                found = read.book_origin(own, book)
        else:
            found = read.book_origin(conn, book)
        if found is None:
            raise NotFound(f"Không có chi bộ {book!r}.", {"cell": book})
        self._origins[book] = found
        return found

    def verifier_of(self, book: str, conn: Connection | None = None) -> Verifier | None:
        """Return the key that signs this book's checkpoints: ours, under its origin's log name."""
        if self.signer is None:
            return None
        return self._verifier_of_origin(self.origin(book, conn))

    # -- inside the append transaction ------------------------------------------

    def advance(self, conn: Connection, envelope: dict) -> None:
        """Add the new event to its book's tree and sign the new checkpoint."""
        book, size = envelope["book"], envelope["seq"] - 1
        try:
            frontier = tree.frontier(conn, book, size)
        except tree.TreeDamaged:
            raise _broken(book, "cây Merkle thiếu nút") from None
        if self.signer is not None:
            origin = self.origin(book, conn)
            self._check_latest(book, origin, conn.execute(LATEST, {"book": book}).first(), frontier)
        try:
            tree.add(conn, book, frontier.append(integrity.leaf_hash(envelope)))
        except IntegrityError:
            raise _broken(book, "cây Merkle đã có nút ở vị trí mới") from None
        if self.signer is not None:
            root = frontier.root()
            note = self.signer.sign(origin, frontier.size, root)
            conn.execute(INSERT_CHECKPOINT, {"book": book, "size": frontier.size, "note": note})
            self._signed[book] = (note, root)

    def _check_latest(self, book: str, origin: str, latest, frontier: merkle.Frontier) -> None:
        """Refuse to sign on from a book that its latest checkpoint does not vouch for.

        Otherwise one append after a rewrite would launder it: the new
        checkpoint would vouch for the rewritten history. The stored tree is
        what the new root is computed from, so it is the tree that must match.
        """
        if latest is None:
            if frontier.size:
                raise _broken(book, "không có checkpoint đã ký nào")
            return
        if latest.size != frontier.size:
            raise _broken(book, f"checkpoint mới nhất có {latest.size} sự kiện, sổ có {frontier.size}")
        mine = self._signed.get(book)
        if mine is not None and mine[0] == latest.note:
            signed_root = mine[1]  # this process signed it: its signature need not be checked again
        else:
            try:
                signed = self._verifier_of_origin(origin).verify(latest.note)
            except CheckpointError as error:
                raise _broken(book, f"checkpoint mới nhất không hợp lệ: {error}") from None
            if signed.origin != origin:
                raise _broken(book, f"checkpoint mới nhất là của {signed.origin!r}")
            signed_root = signed.root
        if signed_root != frontier.root():
            raise _broken(book, "root của cây không phải root đã ký")

    # -- reading ------------------------------------------------------------------

    def extent(self, book: str) -> int:
        """Return how far a check of the book reads: its last seq, or a larger signed size if cut short."""
        return extent(self.engine, book)

    def size(self, book: str) -> int:
        with self.engine.connect() as conn:
            head = read.head(conn, book)
        if head is None:
            raise NotFound(f"Không có chi bộ {book!r}.", {"cell": book})
        return head.seq

    def root(self, book: str, size: int) -> bytes:
        """Return the Merkle root of the book's first `size` events, from the stored tree."""
        with self.engine.connect() as conn:
            return self._proof(book, lambda: tree.root(conn, book, size))

    def checkpoint(self, book: str) -> str | None:
        """Return the latest signed checkpoint of a book, or None."""
        with self.engine.connect() as conn:
            latest = conn.execute(LATEST, {"book": book}).first()
        return latest.note if latest else None

    def inclusion(self, book: str, seq: int, size: int | None = None) -> dict:
        """Return the proof that event `seq` is in the book's tree of `size` (default: all of it)."""
        size = self._size_within(book, size, "size")
        if not 1 <= seq <= size:
            raise Invalid(f"seq phải từ 1 đến {size}.", {"seq": seq, "size": size}, code="out_of_range")
        with self.engine.connect() as conn:
            leaf, proof, root = self._proof(book, lambda: tree.inclusion(conn, book, seq - 1, size))
        return {"leaf_hash": leaf.hex(), "proof": [p.hex() for p in proof], "root": root.hex(), "size": size}

    def consistency(self, book: str, first: int, second: int | None = None) -> dict:
        """Return the proof that the book's tree of size `first` is a prefix of that of `second`."""
        second = self._size_within(book, second, "to")
        if not 1 <= first <= second:
            raise Invalid(f"from phải từ 1 đến {second}.", {"from": first, "to": second}, code="out_of_range")
        with self.engine.connect() as conn:
            proof, root1, root2 = self._proof(book, lambda: tree.consistency(conn, book, first, second))
        return {"proof": [p.hex() for p in proof], "root_from": root1.hex(), "root_to": root2.hex()}

    def _size_within(self, book: str, size: int | None, name: str) -> int:
        current = self.size(book)
        if size is None:
            return current
        if not 1 <= size <= current:
            raise Invalid(f"{name} phải từ 1 đến {current}, số sự kiện của sổ.", {name: size, "size": current},
                          code="out_of_range")
        return size

    @staticmethod
    def _proof(book: str, compute):
        try:
            return compute()
        except tree.TreeDamaged:
            raise _broken(book, "cây Merkle thiếu nút") from None

    # -- whole books ------------------------------------------------------------

    def verify(self, book: str, *, against: Iterable[str] = (), progress: Callable[[int], None] | None = None,
               verifier: Verifier | None = None, sampled: bool = False) -> Report:
        """Check every event, the tree and every checkpoint's signature; `against`: checkpoints kept by an inspector.

        `sampled` checks the signatures of a sample only (sampled_check.py): a quick look that cannot
        decide whether every checkpoint is genuine, for pages that say so; `chibo verify`, GET /verify
        and import check them all.
        """
        origin = self._origin_if_any(book)
        return verify_book(self.engine, book, verifier or self._verifier_of_origin(origin), origin=origin,
                           against=against, progress=progress, sampled=sampled)

    def _origin_if_any(self, book: str) -> str:
        """The book's origin; for no such book (verify then reports it empty) the one it would be opened with."""
        try:
            return self.origin(book)
        except NotFound:
            return self.new_origin(book)

    def _verifier_of_origin(self, origin: str) -> Verifier | None:
        """Our key under the origin's log name (the key name is the log name, c2sp.org/tlog-checkpoint)."""
        return self.signer.verifier_for(checkpoints.split_origin(origin)[0]) if self.signer else None

    def export(self, book: str, people: dict[str, str] | None = None) -> Iterator[str]:
        """Yield the book as JSONL bundle lines; `people` names the accounts that recorded (answers.people)."""
        origin = self.origin(book)
        return bundle.export_lines(self.engine, book, origin, self._verifier_of_origin(origin), people)

    def import_bundle(self, path: str | Path, progress: Callable[[int], None] | None = None) -> Report:
        """Copy a bundle signed by this server's key into the database; raise bundle.ImportRefused if it fails.

        The book keeps the origin its bundle names, and its signatures are checked under that origin's log name.
        """
        if self.signer is None:
            raise Invalid("Cần khóa ký của máy chủ (CHIBO_SIGNING_KEY) để kiểm chữ ký trước khi nhập.",
                          code="no_signing_key")
        return bundle.import_bundle(self.engine, path, self.signer.verifier_for, progress)


def _broken(book: str, why: str) -> Conflict:
    return Conflict(
        f"Sổ của chi bộ {book!r} không còn khớp với bằng chứng đã ký ({why}); không ghi thêm. "
        "Hãy chạy `chibo verify` và báo cho thanh tra.",
        {"book": book}, code="integrity_broken",
    )
