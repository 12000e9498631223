"""The app under gunicorn is killed with SIGKILL in the middle of a stream of appends, again and again.

Clients retry each request with the same event_id until it is acknowledged,
as the clerk's console does. After the last restart every acknowledged event
is stored exactly once, seq has no gaps and the book verifies.
"""

import random
import threading
import time
import uuid

import pytest
from werkzeug.security import generate_password_hash

from chibo_events import checkpoints, config
from chibo_events.store import Store
from tests.books import CELL, MEETING, book_with_meeting
from tests.reliability.server import Gunicorn, append_until_acknowledged

pytestmark = pytest.mark.slow

CLIENTS, KILLS, AFTER_LAST_RESTART = 3, 5, 20


def speech(client: int, n: int) -> dict:
    return {"stream": MEETING, "type": "SpeechGiven", "event_id": str(uuid.uuid4()),
            "occurred_at": "2021-04-07T14:30:00+07:00",
            "data": {"speaker": {"member_id": "nguyen-thi-hong-van"}, "kind": "opinion",
                     "summary": f"Ý kiến {n} của máy {client}"}}


@pytest.fixture
def served_book(database_url, tmp_path):
    """A book with a meeting, a clerk's token, and the instance folder gunicorn will sign with."""
    instance = tmp_path / "instance"
    instance.mkdir()
    signer = checkpoints.load_signer(config.signing_key(instance, checkpoints.new_private_key))
    store = Store.from_url(database_url, signer)
    store.init_schema()
    book_with_meeting(store)
    store.accounts.add("thuky", generate_password_hash("mat-khau-thu-ky"), "clerk", [CELL])
    yield store, instance, store.accounts.issue_token("thuky")
    store.engine.dispose()


def test_every_acknowledged_event_survives_sigkill_exactly_once(served_book, database_url):
    store, instance, token = served_book
    before = store.head(CELL).seq
    server = Gunicorn(database_url, instance).start()
    acknowledged, attempts, failures, restarted = {}, [], [], threading.Event()

    def client(number: int) -> None:
        """Append speeches until the server has been restarted for the last time, and some more after."""
        try:
            n, last = 0, None
            while last is None or n < last:
                if last is None and restarted.is_set():
                    last = n + AFTER_LAST_RESTART
                body = speech(number, n)
                n += 1
                envelope, tries = append_until_acknowledged(lambda: server.port, CELL, body, token)
                assert envelope["event_id"] == body["event_id"]
                acknowledged[body["event_id"]] = envelope["seq"]
                attempts.append(tries)
        except BaseException as error:  # reported by the test thread
            failures.append(error)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    try:
        for thread in threads:
            thread.start()
        for _ in range(KILLS):
            time.sleep(random.uniform(0.3, 0.8))
            server.kill()
            time.sleep(random.uniform(0.0, 0.3))  # clients keep retrying against a dead port
            server.start()
        restarted.set()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        server.stop()

    assert failures == []
    assert server.kills == KILLS
    assert sum(tries > 1 for tries in attempts) >= KILLS, "each kill should have interrupted some request"
    stored = list(store.events(CELL))
    assert [e["seq"] for e in stored] == list(range(1, len(stored) + 1))
    speeches = [e for e in stored if e["seq"] > before]
    assert sorted(e["event_id"] for e in speeches) == sorted(acknowledged)  # each once, nothing else
    assert all(acknowledged[e["event_id"]] == e["seq"] for e in speeches)
    report = store.integrity.verify(CELL)
    assert report.ok, report.problems
