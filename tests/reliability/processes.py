"""Work for child processes (spawned, so each opens its own connections)."""

import random
import time
import uuid

from chibo_events.catalogue import check_request
from chibo_events.errors import Conflict
from chibo_events.store import Store
from tests.books import CELL, MEETING, event, opened


def speech(stream: str, summary: str, **extra) -> dict:
    return event(stream, "SpeechGiven", {
        "speaker": {"member_id": "nguyen-thi-hong-van"}, "kind": "opinion", "summary": summary,
    }, occurred_at="2021-04-07T14:30:00+07:00", **extra)


def ready(store: Store, start) -> None:
    """Connect, then wait until every process is ready, so that they really run at once."""
    store.head(CELL)
    start.wait(timeout=60)


def contend(url: str, name: str, count: int, start, results) -> None:
    """Append `count` speeches to the shared meeting, each with expected_version, retrying on conflict."""
    store = Store.from_url(url)
    ready(store, start)
    acknowledged, conflicts, expected = [], 0, store.page(CELL, stream=MEETING, limit=1000)[-1]["version"]
    for i in range(count):
        time.sleep(random.uniform(0, 0.004))  # a client's think time, so that writers interleave
        event_id = str(uuid.uuid4())
        while True:
            body = speech(MEETING, f"{name} #{i}", event_id=event_id, expected_version=expected)
            try:
                envelope, created = store.append(CELL, check_request(body), name)
            except Conflict as conflict:
                assert conflict.code == "version_conflict", conflict.code
                expected, conflicts = conflict.details["version"], conflicts + 1
                continue
            acknowledged.append((event_id, envelope["seq"], envelope["stream"]))
            expected = envelope["version"]
            break
    results.put((name, acknowledged, conflicts))
    store.engine.dispose()


def own_stream(url: str, name: str, book: str, count: int, start, results) -> None:
    """Open a meeting of one's own and append `count` speeches to it."""
    store = Store.from_url(url)
    ready(store, start)
    stream = f"meeting:{name}"
    acknowledged = []
    for body in [opened(stream)] + [speech(stream, f"{name} #{i}") for i in range(count)]:
        body["event_id"] = str(uuid.uuid4())
        envelope, _ = store.append(book, check_request(body), name)
        acknowledged.append((body["event_id"], envelope["seq"], envelope["stream"]))
    results.put((name, acknowledged, 0))
    store.engine.dispose()


def follow(url: str, total: int, deadline_s: float, start, results) -> None:
    """Read the book as it grows, a page after the last seq seen, until `total` events are seen."""
    store = Store.from_url(url)
    ready(store, start)
    seen, after, deadline = [], 0, time.monotonic() + deadline_s
    while len(seen) < total and time.monotonic() < deadline:
        page = store.page(CELL, after_seq=after, limit=7)
        for envelope in page:
            seen.append((envelope["seq"], envelope["event_id"]))
            after = envelope["seq"]
        if not page:
            time.sleep(0.002)
    results.put(("reader", seen, 0))
    store.engine.dispose()
