"""What the log keeps of its witnesses' answers: cosignatures by book, witness and size, and the last refusal."""

from typing import NamedTuple

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from ..clock import now
from ..timestamps import utc_text
from .integrity_tables import cosignatures, witness_refusals


class Refusal(NamedTuple):
    witness: str
    status: int
    witnessed_size: int | None
    said: str
    at: str


class Witnessed:
    def __init__(self, engine: Engine):
        self.engine = engine

    def keep(self, book: str, witness: str, size: int, line: str) -> None:
        """Keep a cosignature of the book's checkpoint of `size` (again: nothing changes), and clear any refusal."""
        with self.engine.begin() as conn:
            conn.execute(delete(witness_refusals).where(witness_refusals.c.book == book,
                                                        witness_refusals.c.witness == witness))
            try:
                with conn.begin_nested():
                    conn.execute(insert(cosignatures).values(book=book, witness=witness, size=size, line=line,
                                                             cosigned_at=utc_text(now())))
            except IntegrityError:
                pass  # that size was cosigned before: the first line is kept

    def refused(self, book: str, witness: str, status: int, said: str, witnessed_size: int | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(witness_refusals).where(witness_refusals.c.book == book,
                                                        witness_refusals.c.witness == witness))
            conn.execute(insert(witness_refusals).values(book=book, witness=witness, status=status, said=said[:500],
                                                         witnessed_size=witnessed_size, at=utc_text(now())))

    def witnessed_size(self, book: str, witness: str) -> int:
        """Return the largest size of the book this witness cosigned, by what the log kept (0 if none)."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(cosignatures.c.size)).where(
                cosignatures.c.book == book, cosignatures.c.witness == witness)).scalar() or 0

    def lines(self, book: str, size: int) -> list[str]:
        """Return the cosignature lines of the book's checkpoint of `size`, by witness name."""
        with self.engine.connect() as conn:
            return list(conn.execute(select(cosignatures.c.line).where(
                cosignatures.c.book == book, cosignatures.c.size == size).order_by(cosignatures.c.witness)).scalars())

    def latest(self, book: str) -> dict[str, tuple[int, str]]:
        """Return {witness: (size, line)} of each witness's largest cosigned size of the book."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(cosignatures.c.witness, cosignatures.c.size, cosignatures.c.line)
                                .where(cosignatures.c.book == book).order_by(cosignatures.c.size)).all()
        return {witness: (size, line) for witness, size, line in rows}

    def refusals(self, book: str) -> list[Refusal]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(witness_refusals.c.witness, witness_refusals.c.status,
                                       witness_refusals.c.witnessed_size, witness_refusals.c.said,
                                       witness_refusals.c.at).where(witness_refusals.c.book == book)).all()
        return [Refusal(*row) for row in rows]

    def sizes(self) -> dict[str, int]:
        """Return {book: the largest size any witness cosigned} for every witnessed book."""
        with self.engine.connect() as conn:
            return dict(conn.execute(select(cosignatures.c.book, func.max(cosignatures.c.size))
                                     .group_by(cosignatures.c.book)).all())

    def refused_books(self) -> dict[str, list[Refusal]]:
        """Return {book: the last refusal of each witness that refused one} for every book with an alarm."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(witness_refusals.c.book, witness_refusals.c.witness, witness_refusals.c.status,
                                       witness_refusals.c.witnessed_size, witness_refusals.c.said,
                                       witness_refusals.c.at)).all()
        found: dict[str, list[Refusal]] = {}
        for book, *rest in rows:
            found.setdefault(book, []).append(Refusal(*rest))
        return found
