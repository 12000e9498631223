"""A bounded load on loopback: 16 clients for a while against gunicorn, over several books and one hot book.

Clients on the hot book all append to one meeting with expected_version and
retry on 409, re-reading the version from the answer; the others write their
own meetings. Nothing but 200, 201 and those 409s may come back, and nothing
may be lost or doubled. CHIBO_LOAD_SECONDS sets the length (default 10 s in
the suite; the README's figures come from 60 s). The figures are written to
test-artifacts/load-<engine>.txt.
"""

import os
import statistics
import threading
import time
import uuid
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash

from chibo_events import checkpoints, config
from chibo_events.catalogue import check_request
from chibo_events.store import Store
from tests.books import CELL_DATA, ROSTER, joined, opened
from tests.reliability.server import Gunicorn, request

pytestmark = pytest.mark.slow

SECONDS = float(os.environ.get("CHIBO_LOAD_SECONDS", "10"))
COLD_BOOKS, CLIENTS_PER_COLD_BOOK, HOT_CLIENTS = 4, 2, 8  # 16 clients
HOT = "chi-bo-nong"
HOT_MEETING = "meeting:hop-chung"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def speech(stream: str, summary: str, **extra) -> dict:
    return {"stream": stream, "type": "SpeechGiven", "event_id": str(uuid.uuid4()),
            "occurred_at": "2021-04-07T14:30:00+07:00",
            "data": {"speaker": {"member_id": "nguyen-thi-hong-van"}, "kind": "opinion", "summary": summary},
            **extra}


def new_book(store: Store, book: str, meetings: list[str]) -> None:
    store.register_book(book, CELL_DATA, "admin")
    for member_id, full_name, kind in ROSTER:
        store.append(book, check_request(joined(member_id, full_name, kind)), "admin")
    for meeting in meetings:
        store.append(book, check_request(opened(meeting)), "admin")


class Client(threading.Thread):
    """One clerk's device: appends until the deadline, keeping what was acknowledged and how long each took."""

    def __init__(self, port: int, token: str, book: str, stream: str, hot: bool, deadline: float):
        super().__init__()
        self.port, self.token, self.book, self.stream, self.hot, self.deadline = \
            port, token, book, stream, hot, deadline
        self.acknowledged, self.latencies, self.conflicts, self.unexpected = [], [], 0, []

    def run(self) -> None:
        version = None
        while time.monotonic() < self.deadline:
            extra = {"expected_version": version} if self.hot and version is not None else {}
            body = speech(self.stream, f"{self.name} #{len(self.acknowledged)}", **extra)
            started = time.perf_counter()
            try:
                status, answer = request(self.port, "POST", f"/api/v1/cells/{self.book}/events", body, self.token)
            except Exception as error:  # a thread's exception would not fail the test: keep it as an answer
                self.unexpected.append(("no answer", repr(error)))
                return
            self.latencies.append(time.perf_counter() - started)
            if status in (200, 201):
                self.acknowledged.append((self.book, body["event_id"], answer["seq"]))
                version = answer["version"]
            elif status == 409 and self.hot and answer.get("error") == "version_conflict":
                self.conflicts += 1
                version = answer["details"]["version"]
            else:
                self.unexpected.append((status, answer))
                return


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def stored_after(store: Store, book: str, seq: int) -> list[dict]:
    stored = []
    while page := store.page(book, after_seq=seq, limit=1000):
        stored += page
        seq = page[-1]["seq"]
    return stored


def test_sixteen_clients_lose_and_double_nothing_and_get_only_retried_conflicts(database_url, tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    store = Store.from_url(database_url, checkpoints.load_signer(
        config.signing_key(instance, checkpoints.new_private_key)))
    store.init_schema()
    cold = [f"chi-bo-{n}" for n in range(COLD_BOOKS)]
    for book in cold:
        new_book(store, book, [f"meeting:may-{m}" for m in range(CLIENTS_PER_COLD_BOOK)])
    new_book(store, HOT, [HOT_MEETING])
    store.accounts.add("thuky", generate_password_hash("mat-khau-thu-ky"), "clerk", cold + [HOT])
    tokens = [store.accounts.issue_token("thuky") for _ in range(16)]
    before = {book: store.head(book).seq for book in cold + [HOT]}

    server = Gunicorn(database_url, instance, workers=4).start()
    try:
        deadline = time.monotonic() + SECONDS
        clients = [Client(server.port, tokens[n * CLIENTS_PER_COLD_BOOK + m], book, f"meeting:may-{m}", False,
                          deadline)
                   for n, book in enumerate(cold) for m in range(CLIENTS_PER_COLD_BOOK)]
        clients += [Client(server.port, tokens[8 + n], HOT, HOT_MEETING, True, deadline)
                    for n in range(HOT_CLIENTS)]
        started = time.monotonic()
        for client in clients:
            client.start()
        for client in clients:
            client.join(timeout=SECONDS + 60)
        elapsed = time.monotonic() - started
    finally:
        server.stop()

    assert [c.unexpected for c in clients if c.unexpected] == []
    acknowledged = [ack for client in clients for ack in client.acknowledged]
    latencies = [latency for client in clients for latency in client.latencies]
    for book in cold + [HOT]:
        stored = stored_after(store, book, before[book])
        assert [e["seq"] for e in stored] == list(range(before[book] + 1, before[book] + len(stored) + 1))
        mine = sorted((event_id, seq) for b, event_id, seq in acknowledged if b == book)
        assert sorted((e["event_id"], e["seq"]) for e in stored) == mine
        report = store.integrity.verify(book)
        assert report.ok, (book, report.problems)

    conflicts = sum(client.conflicts for client in clients)
    summary = (f"load {store.engine.dialect.name}: 16 clients, {elapsed:.1f} s, {len(acknowledged)} events "
               f"({len(acknowledged) / elapsed:.0f}/s), {conflicts} conflicts retried on the hot book; "
               f"latency p50 {1000 * percentile(latencies, 0.5):.1f} ms, "
               f"p99 {1000 * percentile(latencies, 0.99):.1f} ms")
    print(summary)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"load-{store.engine.dialect.name}.txt").write_text(summary + "\n")
    assert len(acknowledged) > 16 and conflicts > 0  # the hot book really was contended
    store.engine.dispose()
