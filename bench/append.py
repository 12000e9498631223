"""Durable single-event appends, side by side: the store, a raw insert+commit loop, eventsourcing.

The three take turns in rounds, so a neighbour's burst on a shared machine
falls on all of them alike. Every append is its own committed transaction.
"""

import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime

from chibo_events.catalogue import check_request
from chibo_events.checkpoints import Signer
from chibo_events.store import Store
from chibo_events.store.tables import books, events
from chibo_events.timestamps import utc_text

from . import generate, load
from .eventsourcing_app import EventsourcingBooks

ROUND = 100


def body_stream(book: str) -> Iterator[dict]:
    """Yield the requests of a generated book after its CellRegistered, without event_ids (as a form posts)."""
    for body in generate.requests(book, seed=1):
        yield {**body, "event_id": None}


class StoreAppender:
    """Appends through Store.append: lock, head, rules, hash, tree, signed checkpoint, commit."""

    name = "store"

    def __init__(self, store: Store, book: str):
        self.store, self.book = store, book
        store.register_book(book, generate.cell_data(900, 1), "admin", "2016-01-02T08:00:00+07:00")
        self.bodies = body_stream(book)

    def one(self) -> None:
        self.store.append(self.book, check_request(next(self.bodies)), "thuky")


class RawAppender:
    """One INSERT of a ready row and a COMMIT per event, on the store's own engine: what the database can do."""

    name = "raw"

    def __init__(self, store: Store, book: str, signer: Signer):
        self.engine = store.engine
        sealed = load.seal(book, 901, 1, 20_000, signer)
        with self.engine.begin() as conn:
            conn.execute(books.insert(), {"book": book, "created_at": sealed.envelopes[0]["recorded_at"]})
        self.rows = iter([{**e, "members": None, "occurred_utc": utc_text(datetime.fromisoformat(e["occurred_at"]))}
                          for e in sealed.envelopes])
        self.insert = events.insert()

    def one(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(self.insert, next(self.rows))


class EventsourcingAppender:
    """The eventsourcing library's application recording the same requests on one aggregate per book."""

    name = "eventsourcing"

    def __init__(self, app: EventsourcingBooks, book: str):
        self.app = app
        self.book_id = app.open_book(book, generate.cell_data(902, 1))
        self.bodies = body_stream(book)

    def one(self) -> None:
        self.app.record(self.book_id, next(self.bodies), "thuky")


def race(appenders: list, count: int, progress: Callable[[str], None]) -> dict[str, dict]:
    """Run `count` appends of each, ROUND at a time in turn; return per appender events/s and p50/p99 ms."""
    times = {a.name: [] for a in appenders}
    done = 0
    while done < count:
        for appender in appenders:
            for _ in range(min(ROUND, count - done)):
                started = time.perf_counter()
                appender.one()
                times[appender.name].append(time.perf_counter() - started)
        done += min(ROUND, count - done)
        progress(f"appends: {done}/{count} each")
    return {name: summary(ts) for name, ts in times.items()}


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"rate": len(times) / sum(times), "p50": statistics.median(times) * 1000,
            "p99": ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] * 1000}


def fresh_name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"

