"""read.scan, the one paged reader of a book: for store.events, verify and export, on both engines."""

from sqlalchemy import event as sql_event
from sqlalchemy import text

from chibo_events.catalogue import check_request
from chibo_events.store import read
from tests.books import CELL, MEETING, book_with_meeting, event


def book_of(store, speeches: int) -> int:
    """Write the book with a meeting and this many speeches; return its last seq."""
    book_with_meeting(store)
    for i in range(speeches):
        store.append(CELL, check_request(event(MEETING, "SpeechGiven", {
            "speaker": {"member_id": "duong-thi-le"}, "kind": "opinion", "summary": f"ý kiến {i}",
        })), "thuky")
    return store.head(CELL).seq


def connections(engine) -> list:
    """Return a list that grows by one at each connection checked out of the engine's pool."""
    checked_out = []
    sql_event.listen(engine, "checkout", lambda *_: checked_out.append(1))
    return checked_out


def test_scan_stops_at_its_upper_bound_and_runs_the_hook_on_each_page_s_connection(store):
    book_of(store, 15)
    pages = []

    def on_page(conn, batch):
        assert conn.execute(text("SELECT 1")).scalar() == 1
        pages.append([e["seq"] for e in batch])

    seqs = [e["seq"] for e in read.scan(store.engine, CELL, upto_seq=17, page_size=7, on_page=on_page)]
    assert seqs == list(range(1, 18))
    assert pages == [list(range(1, 8)), list(range(8, 15)), list(range(15, 18))]


def test_each_page_is_its_own_short_connection_and_none_is_read_past_the_bound(store):
    last = book_of(store, 15)
    checked_out = connections(store.engine)
    assert [e["seq"] for e in read.scan(store.engine, CELL, upto_seq=14, page_size=7)] == list(range(1, 15))
    assert len(checked_out) == 2
    checked_out.clear()
    assert [e["seq"] for e in read.scan(store.engine, CELL, page_size=7)] == list(range(1, last + 1))
    assert len(checked_out) == -(-last // 7) + (last % 7 == 0)
    checked_out.clear()
    assert list(read.scan(store.engine, CELL, upto_seq=0)) == [] and not checked_out


def test_the_bound_and_the_filters_of_page_hold_together(store):
    book_of(store, 15)
    found = read.scan(store.engine, CELL, after_seq=12, upto_seq=20, page_size=3, type="SpeechGiven")
    assert [e["seq"] for e in found] == list(range(13, 21))
    with store.engine.connect() as conn:
        assert [e["seq"] for e in read.page(conn, CELL, after_seq=3, upto_seq=5)] == [4, 5]
