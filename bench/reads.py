"""Reading side by side: a raw read of every row, minutes as_of one meeting, and Merkle proofs."""

import json
import random
import time

from sqlalchemy import select

from chibo_events import answers, merkle
from chibo_events.store import Store, tree
from chibo_events.store.read import ENVELOPE_FIELDS
from chibo_events.store.tables import events

from . import proofs
from .append import summary
from .progress import Progress


def raw_read(store: Store) -> tuple[float, int]:
    """Read every event row in book and seq order and decode its JSON, with the driver alone: (seconds, rows)."""
    columns = ", ".join(f'"{name}"' for name in ENVELOPE_FIELDS)
    progress, rows, started = Progress("raw read"), 0, time.perf_counter()
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=5000).exec_driver_sql(
            f"SELECT {columns} FROM events ORDER BY book, seq")
        data = ENVELOPE_FIELDS.index("data")
        for row in result:
            value = row[data]
            if isinstance(value, str):  # SQLite keeps JSON as text; psycopg decodes jsonb itself
                value = json.loads(value)
            rows += 1
            if rows % 5000 == 0:
                progress.add(5000)
    return time.perf_counter() - started, rows


def meetings_sample(store: Store, count: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """Return (book, meeting_id, as_of) of random closed meetings, as_of a week after each closed."""
    rng, found = random.Random(seed), []
    books = store.book_names()
    with store.engine.connect() as conn:
        for _ in range(count):
            book = rng.choice(books)
            closed = conn.execute(select(events.c.stream, events.c.recorded_at).where(
                events.c.book == book, events.c.type == "MeetingClosed")).all()
            if not closed:
                continue
            stream, recorded_at = rng.choice(closed)
            found.append((book, stream.split(":", 1)[1], recorded_at[:8] + "28" + recorded_at[10:]))
    return found


def minutes_as_of(store: Store, sample: list[tuple[str, str, str]]) -> dict:
    """Time the minutes of each sampled meeting as the book stood at its as_of; return rate, p50, p99 (ms)."""
    for book, meeting_id, as_of in sample[:5]:  # warm the caches, as a running server has them
        answers.meeting_minutes(store, book, meeting_id, as_of)
    times = []
    for book, meeting_id, as_of in sample:
        started = time.perf_counter()
        minutes = answers.meeting_minutes(store, book, meeting_id, as_of)
        times.append(time.perf_counter() - started)
        assert minutes["meeting_id"] == meeting_id and minutes["closed_at"]
    return summary(times)


def proof_times(store: Store, leaves: int, samples: int) -> dict[str, dict]:
    """Build a tree of `leaves` in the store's tables (as bench/proofs.py) and time checked proofs in it."""
    root = proofs.build(store, leaves)
    rng, n = random.Random(9162), leaves
    with store.engine.connect() as conn:
        def inclusion():
            index = rng.randrange(n)
            leaf, proof, at = tree.inclusion(conn, proofs.BOOK, index, n)
            assert at == root and merkle.verify_inclusion(index, n, leaf, proof, root)

        def consistency():
            size2 = rng.randint(2, n)
            size1 = rng.randint(1, size2 - 1)
            proof, root1, root2 = tree.consistency(conn, proofs.BOOK, size1, size2)
            assert merkle.verify_consistency(size1, size2, root1, root2, proof)

        found = {}
        for name, one in (("inclusion", inclusion), ("consistency", consistency)):
            proofs.timed(50, one)
            found[name] = summary([t / 1000 for t in proofs.timed(samples, one)])
    return found
