"""Verify a book in the database: its events, its stored Merkle tree and its signed checkpoints.

Every hash, the chain, the stored tree and the root of every checkpoint are
checked, and the signature of every checkpoint; a quick look (the audit page)
may check a sample of the signatures instead (see sampled_check.py), and says so.

Events and checkpoints are read a page at a time, each page in its own short
read, so a book of any size is checked in constant memory without holding
up the writers. The book is read up to its extent when the check starts:
the larger of its last seq and its last checkpoint's size, so a tail cut
below a signed checkpoint is seen, and events appended meanwhile are not.
"""

from collections.abc import Callable, Iterable, Iterator

from sqlalchemy import Engine, func, select

from ..checkpoints import Verifier
from ..verify import Problem, Report, check_book
from . import read, tree
from .integrity_tables import book_checkpoints
from .sampled_check import check_sampled
from .tables import events

PAGE = 2000


def extent(engine: Engine, book: str) -> int:
    """Return max(last seq, last checkpoint size), read in one statement so both come from one snapshot."""
    last_seq = select(func.max(events.c.seq)).where(events.c.book == book).scalar_subquery()
    last_size = select(func.max(book_checkpoints.c.size)).where(book_checkpoints.c.book == book).scalar_subquery()
    with engine.connect() as conn:
        seq, size = conn.execute(select(last_seq, last_size)).one()
    return max(seq or 0, size or 0)


def notes(engine: Engine, book: str, upto: int, page_size: int = PAGE) -> Iterator[str]:
    """Yield the book's signed checkpoints up to size `upto`, in size order."""
    after = 0
    while True:
        with engine.connect() as conn:
            rows = conn.execute(
                select(book_checkpoints.c.size, book_checkpoints.c.note)
                .where(book_checkpoints.c.book == book, book_checkpoints.c.size > after,
                       book_checkpoints.c.size <= upto)
                .order_by(book_checkpoints.c.size).limit(page_size)
            ).all()
        yield from (row.note for row in rows)
        if len(rows) < page_size:
            return
        after = rows[-1].size


class _StoredTree:
    """Compares the subtrees recomputed from the events with those stored, a page at a time."""

    def __init__(self, book: str):
        self.book = book
        self.position = 0  # leaves recomputed so far
        self.stored: dict = {}
        self.damaged_node = False

    def load(self, conn, batch: list[dict]) -> None:
        # Leaves are compared by seq and inner nodes by position; read both ranges at once.
        first = min(self.position, batch[0]["seq"] - 1)
        last = max(self.position + len(batch) - 1, batch[-1]["seq"] - 1)
        self.stored = tree.nodes_completed_by(conn, self.book, first, last)
        self.position += len(batch)

    def compare(self, envelope: dict, leaf: bytes, completed: list) -> list[Problem]:
        seq, problems = envelope["seq"], []
        stored_leaf = self.stored.get((0, seq - 1))
        if stored_leaf is None:
            problems.append(Problem("not_in_tree", seq, f"Cây Merkle không có lá cho seq {seq}: "
                                                        "sự kiện được thêm vào ngoài ứng dụng."))
        elif stored_leaf != leaf:
            problems.append(Problem("not_in_tree", seq, f"Sự kiện seq {seq} không phải sự kiện mà cây Merkle "
                                                        "đã ghi ở vị trí này."))
        for level, index, node in completed:
            if level and not self.damaged_node and self.stored.get((level, index)) != node:
                self.damaged_node = True  # the nodes above it differ too; one is enough to name
                problems.append(Problem("tree", ((index + 1) << level), f"Nút ({level}, {index}) của cây Merkle "
                                        "bị sửa hoặc mất: bằng chứng (proof) lấy từ nó sẽ sai."))
        return problems


def verify_book(
    engine: Engine, book: str, verifier: Verifier | None, *, origin: str, against: Iterable[str] = (),
    page_size: int = PAGE, progress: Callable[[int], None] | None = None, sampled: bool = False,
) -> Report:
    """Check every event, the stored tree and every checkpoint of a book; `against`: an inspector's notes."""
    upto = extent(engine, book)
    stored = _StoredTree(book)

    def on_page(conn, batch):
        stored.load(conn, batch)
        if progress is not None:
            progress(len(batch))

    book_events = read.scan(engine, book, upto_seq=upto, page_size=page_size, on_page=on_page)
    check = check_sampled if sampled else check_book
    return check(
        book, book_events, notes(engine, book, upto, page_size), verifier, against=against, on_event=stored.compare,
        origin=origin,
    )
