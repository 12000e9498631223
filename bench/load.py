"""Load generated books fast: sealed, in the tree and signed exactly as appends would leave them.

The rules were checked once by the generator's design (and by every measured
append, which goes through Store.append); the loader only computes what
the append transaction would store — the chain, the leaves and subtrees,
one signed checkpoint per event — and writes a book per transaction, to
every engine from one computation.
"""

import itertools
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from chibo_events import integrity, merkle
from chibo_events.catalogue import SCHEMA_VERSION
from chibo_events.checkpoints import Signer, origin
from chibo_events.store import Store, tree
from chibo_events.store.append import insert_recorded
from chibo_events.store.integrity_tables import book_checkpoints
from chibo_events.store.tables import books
from chibo_events.timestamps import occurred_text, parse_instant, utc_text

from . import generate

ROSTER_ACTOR, CLERK = "admin", "thuky"
BATCH = 5000


@dataclass
class Sealed:
    """One book as the append transactions would have stored it."""

    book: str
    envelopes: list[dict] = field(default_factory=list)
    nodes: list[tuple[int, int, bytes]] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)


def plan(total: int) -> Iterator[tuple[str, int, int]]:
    """Yield (book, commune, cell) of ten-year cells, ten to a commune, for as long as events are wanted."""
    for n in itertools.count():
        commune, cell = divmod(n, 10)
        yield generate.book_name(commune + 1, cell + 1), commune + 1, cell + 1


def bodies(book: str, commune: int, cell: int, limit: int) -> Iterator[dict]:
    """Yield the book's requests, CellRegistered first, at most `limit` of them."""
    registered = {"stream": "cell", "type": "CellRegistered", "data": generate.cell_data(commune, cell),
                  "occurred_at": occurred_text(datetime(generate.FIRST_YEAR, 1, 2, 8, 0, tzinfo=generate.VIETNAM)),
                  "event_id": None}
    yield registered
    for n, body in enumerate(generate.requests(book), start=2):
        if n > limit:
            return
        yield body


def seal(book: str, commune: int, cell: int, limit: int, signer: Signer) -> Sealed:
    """Compute the envelopes, subtrees and signed checkpoints of a generated book."""
    sealed, frontier = Sealed(book), merkle.Frontier()
    versions: dict[str, int] = {}
    prev_hash, recorded = integrity.GENESIS_HASH, ""
    for seq, body in enumerate(bodies(book, commune, cell, limit), start=1):
        stream = body["stream"]
        versions[stream] = versions.get(stream, 0) + 1
        # Recorded a few seconds after it happened, as a clerk typing live would; never decreasing.
        recorded = max(recorded, utc_text(parse_instant(body["occurred_at"]) + timedelta(seconds=3)))
        envelope = {
            "book": book, "seq": seq, "event_id": body["event_id"] or generate.str_uuid(book, seq),
            "stream": stream, "version": versions[stream], "type": body["type"], "schema": SCHEMA_VERSION,
            "occurred_at": body["occurred_at"], "recorded_at": recorded,
            "actor": ROSTER_ACTOR if stream == "cell" else CLERK, "data": body["data"],
        }
        leaf = integrity.leaf_hash(envelope)
        envelope["prev_hash"], envelope["hash"] = prev_hash, integrity.chain_hash(prev_hash, leaf)
        prev_hash = envelope["hash"]
        sealed.envelopes.append(envelope)
        sealed.nodes.extend(frontier.append(leaf))
        sealed.notes.append({"book": book, "size": seq, "note": signer.sign(origin(book), seq, frontier.root())})
    return sealed


def write(store: Store, sealed: Sealed) -> None:
    """Store a sealed book in one transaction, a batch of rows per statement."""
    with store.engine.begin() as conn:
        conn.execute(books.insert(), {"book": sealed.book, "created_at": sealed.envelopes[0]["recorded_at"],
                                      "origin": origin(sealed.book)})
        for start in range(0, len(sealed.envelopes), BATCH):
            insert_recorded(conn, sealed.envelopes[start:start + BATCH])
        for start in range(0, len(sealed.nodes), BATCH):
            tree.add(conn, sealed.book, sealed.nodes[start:start + BATCH])
        for start in range(0, len(sealed.notes), BATCH):
            conn.execute(book_checkpoints.insert(), sealed.notes[start:start + BATCH])


def load(stores: list[Store], total: int, signer: Signer) -> list[tuple[str, int]]:
    """Generate and store books of `total` events in every store; return (book, events) of each."""
    started, done, loaded = time.perf_counter(), 0, []
    for book, commune, cell in plan(total):
        if done >= total:
            break
        sealed = seal(book, commune, cell, total - done, signer)
        for store in stores:
            write(store, sealed)
        done += len(sealed.envelopes)
        loaded.append((book, len(sealed.envelopes)))
        elapsed = time.perf_counter() - started
        print(f"  load: {done:,}/{total:,} events, {len(loaded)} books, {elapsed:.0f} s "
              f"({done / elapsed:,.0f} events/s)", file=sys.stderr, flush=True)
    return loaded
