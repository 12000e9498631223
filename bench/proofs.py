"""How fast are proofs in a book of a million events? Builds the tree in the store's own tables and times them.

    .venv/bin/python bench/proofs.py                     # 1,000,000 leaves, SQLite in a temporary file
    .venv/bin/python bench/proofs.py --leaves 20000      # a quick run
    .venv/bin/python bench/proofs.py --url postgresql+psycopg://postgres@127.0.0.1/test

The leaves are random hashes, not events: what is timed is reading the
stored subtrees and folding them, which is all a proof does. Every proof
is checked with chibo_events.merkle against the root, so a fast wrong
answer cannot pass. Not part of the test suite.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chibo_events import merkle
from chibo_events.store import Store, tree
from chibo_events.store.tables import books

BOOK = "bench-book"


def build(store: Store, leaves: int) -> bytes:
    """Store every complete subtree of a tree of `leaves` random leaves, as appends would; return its root."""
    frontier, batch, started = merkle.Frontier(), [], time.perf_counter()
    with store.engine.begin() as conn:
        conn.execute(books.insert(), {"book": BOOK, "created_at": "2021-01-01T00:00:00.000000Z"})
        for i in range(leaves):
            batch += frontier.append(random.randbytes(32))
            if len(batch) >= 50_000:
                tree.add(conn, BOOK, batch)
                batch = []
            if i and i % 200_000 == 0:
                print(f"  {i:,} leaves, {time.perf_counter() - started:.0f} s", file=sys.stderr)
        tree.add(conn, BOOK, batch)
    print(f"built {leaves:,} leaves ({2 * leaves - bin(leaves).count('1'):,} nodes) in "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    return frontier.root()


def timed(samples: int, one) -> list[float]:
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        one()
        times.append((time.perf_counter() - started) * 1000)
    return times


def summary(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return (f"{name:<28} n={len(times):<6} p50={statistics.median(times):.3f} ms  p99={p(0.99):.3f} ms  "
            f"max={ordered[-1]:.3f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=1_000_000)
    parser.add_argument("--proofs", type=int, default=2000)
    parser.add_argument("--url", help="database URL (default: SQLite in a temporary file)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="chibo-bench-")
    url = args.url or f"sqlite:///{os.path.join(folder, 'proofs.sqlite3')}"
    store = Store.from_url(url)
    store.init_schema()
    random.seed(9162)
    root = build(store, args.leaves)
    n = args.leaves
    with store.engine.connect() as conn:
        assert tree.root(conn, BOOK, n) == root

        def inclusion():
            size = random.randint(n // 2, n)
            index = random.randrange(size)
            leaf, proof, at = tree.inclusion(conn, BOOK, index, size)
            assert merkle.verify_inclusion(index, size, leaf, proof, at)

        def consistency():
            size2 = random.randint(2, n)
            size1 = random.randint(1, size2 - 1)
            proof, root1, root2 = tree.consistency(conn, BOOK, size1, size2)
            assert merkle.verify_consistency(size1, size2, root1, root2, proof)

        def latest_inclusion():
            index = random.randrange(n)
            leaf, proof, at = tree.inclusion(conn, BOOK, index, n)
            assert at == root and merkle.verify_inclusion(index, n, leaf, proof, root)

        for one in (inclusion, consistency):  # warm the page cache as a running server would have it
            timed(100, one)
        print(f"{store.engine.dialect.name}, {n:,} leaves; each proof read, folded and checked:")
        print(summary("inclusion (latest size)", timed(args.proofs, latest_inclusion)))
        print(summary("inclusion (random size)", timed(args.proofs, inclusion)))
        print(summary("consistency (random sizes)", timed(args.proofs, consistency)))
    store.engine.dispose()
    if not args.url:
        size = os.path.getsize(os.path.join(folder, "proofs.sqlite3"))
        print(f"database file: {size / 2**20:.0f} MiB for the tree alone ({size / n:.0f} bytes per leaf)")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
