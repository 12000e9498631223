"""Each book's Merkle tree in the database: the complete subtrees, read for roots and proofs.

An append reads the frontier (one node per set bit of the size), adds the
leaf and stores the subtrees it completes: O(log n) rows read and about two
written. A root or a proof for any size is one indexed read of the O(log n)
subtrees it folds (see merkle.subtrees), whatever the size of the book:
`StoredNodes` is the merkle.HashReader that reads them, and merkle computes
the roots and proofs from it.
"""

from collections.abc import Iterable, Sequence
from functools import cache

from sqlalchemy import Connection, bindparam, select, union_all

from .. import merkle
from .integrity_tables import merkle_nodes


class TreeDamaged(Exception):
    """Subtrees the book's size promises are missing: the tree was tampered with."""

    def __init__(self, book: str, missing: list[merkle.Node]):
        super().__init__(f"{book}: missing subtrees {missing[:5]}")
        self.book = book
        self.missing = missing


@cache
def _per_level(levels: int):
    """One SELECT per level, joined by UNION ALL: each searches the primary key (book, level, idx).

    A single SELECT with an OR of levels, or a (level, idx) IN list, makes
    SQLite walk every node of the book instead. Built once per shape, so a
    proof spends its time in the database rather than building SQL.
    """
    return union_all(*[
        select(merkle_nodes.c.level, merkle_nodes.c.idx, merkle_nodes.c.hash)
        .where(merkle_nodes.c.book == bindparam("book"), merkle_nodes.c.level == bindparam(f"level{i}"),
               merkle_nodes.c.idx.between(bindparam(f"low{i}"), bindparam(f"high{i}")))
        for i in range(levels)
    ])


@cache
def _one_per_level(levels: int):
    """As _per_level, for one index per level (an append's frontier), each its own bound parameter.

    An expanding IN list is rendered into SQL again at every execution, which
    was most of an append's frontier read; this shape is compiled once.
    """
    return union_all(*[
        select(merkle_nodes.c.level, merkle_nodes.c.idx, merkle_nodes.c.hash)
        .where(merkle_nodes.c.book == bindparam("book"), merkle_nodes.c.level == bindparam(f"level{i}"),
               merkle_nodes.c.idx == bindparam(f"idx{i}"))
        for i in range(levels)
    ])


@cache
def _listed(levels: int):
    """As _per_level, for a list of indexes per level (proofs)."""
    return union_all(*[
        select(merkle_nodes.c.level, merkle_nodes.c.idx, merkle_nodes.c.hash)
        .where(merkle_nodes.c.book == bindparam("book"), merkle_nodes.c.level == bindparam(f"level{i}"),
               merkle_nodes.c.idx.in_(bindparam(f"idx{i}", expanding=True)))
        for i in range(levels)
    ])


def nodes(conn: Connection, book: str, coords: Iterable[merkle.Node]) -> dict[merkle.Node, bytes]:
    """Return the stored hashes of these subtrees; raise TreeDamaged if any is missing."""
    wanted = sorted(set(coords))
    if not wanted:
        return {}
    by_level: dict[int, list[int]] = {}
    for level, idx in wanted:
        by_level.setdefault(level, []).append(idx)
    params = {"book": book}
    single = all(len(idxs) == 1 for idxs in by_level.values())
    for i, (level, idxs) in enumerate(by_level.items()):
        params[f"level{i}"], params[f"idx{i}"] = level, idxs[0] if single else idxs
    rows = conn.execute((_one_per_level if single else _listed)(len(by_level)), params)
    found = {(level, idx): bytes(hash_) for level, idx, hash_ in rows}
    if missing := [c for c in wanted if c not in found]:
        raise TreeDamaged(book, missing)
    return found


def nodes_completed_by(conn: Connection, book: str, first: int, last: int) -> dict[merkle.Node, bytes]:
    """Return the stored subtrees that appending leaves first..last (0-based) completed, if present.

    Subtree (level, i) is completed by leaf (i + 1)·2^level - 1.
    """
    params, levels = {"book": book}, 0
    for level in range((last + 1).bit_length()):
        low, high = -(-(first + 1) >> level) - 1, ((last + 1) >> level) - 1
        if low <= high:
            params.update({f"level{levels}": level, f"low{levels}": low, f"high{levels}": high})
            levels += 1
    rows = conn.execute(_per_level(levels), params)
    return {(level, idx): bytes(hash_) for level, idx, hash_ in rows}


def frontier(conn: Connection, book: str, size: int) -> merkle.Frontier:
    """Return the right edge of the book's tree of `size` leaves, read from its stored subtrees."""
    coords = merkle.Frontier.nodes(size)
    return merkle.Frontier(size, StoredNodes(conn, book).read_hashes(coords))


_INSERT = merkle_nodes.insert()


def add(conn: Connection, book: str, completed: list[tuple[int, int, bytes]]) -> None:
    """Store the subtrees an append (or a batch of them) completed, as one executemany.

    (A multi-row INSERT … VALUES built per row count was tried: SQLAlchemy
    renders it again per execution, ~170 µs against ~15 µs on SQLite.)
    """
    conn.execute(_INSERT, [
        {"book": book, "level": level, "idx": idx, "hash": hash_} for level, idx, hash_ in completed
    ])


class StoredNodes:
    """The merkle.HashReader of one book's stored subtrees: each read is one query (see `nodes`)."""

    def __init__(self, conn: Connection, book: str):
        self.conn, self.book = conn, book

    def read_hashes(self, coords: Sequence[merkle.Node]) -> list[bytes]:
        found = nodes(self.conn, self.book, coords)
        return [found[c] for c in coords]


def root(conn: Connection, book: str, size: int) -> bytes:
    return merkle.tree_root(StoredNodes(conn, book), size)


def inclusion(conn: Connection, book: str, index: int, size: int) -> tuple[bytes, list[bytes], bytes]:
    """Return (leaf hash, audit path, root) of leaf `index` in the tree of `size`."""
    return merkle.prove_inclusion(StoredNodes(conn, book), index, size)


def consistency(conn: Connection, book: str, size1: int, size2: int) -> tuple[list[bytes], bytes, bytes]:
    """Return (proof, root at size1, root at size2)."""
    return merkle.prove_consistency(StoredNodes(conn, book), size1, size2)
