"""Work for child processes (spawned, so each opens its own connections and holds its own signer)."""

from chibo_events import checkpoints
from chibo_events.catalogue import check_request
from chibo_events.store import Store
from tests.books import CELL, MEETING, event


def append_speeches(url: str, key: bytes, name: str, count: int, start) -> None:
    store = Store.from_url(url, checkpoints.load_signer(key))
    store.head(CELL)
    start.wait(timeout=60)
    for i in range(count):
        store.append(CELL, check_request(event(MEETING, "SpeechGiven", {
            "speaker": {"member_id": "nguyen-thi-hong-van"}, "kind": "opinion", "summary": f"{name} #{i}",
        }, occurred_at="2021-04-07T14:30:00+07:00")), name)
    store.engine.dispose()
