"""The per-process cache of rule states trusts the database over itself."""

from chibo_events.catalogue import check_request
from chibo_events.store import Store, read
from chibo_events.store.append import BookStates
from tests.books import CELL, book_with_meeting, event, joined


def state_of(states: BookStates, store: Store):
    with store.engine.connect() as conn:
        return states.current(conn, CELL, read.head(conn, CELL))


def other_history(store: Store, extra: int) -> None:
    """Write the same book's shape with other content, plus `extra` more events."""
    book_with_meeting(store, actor="someone-else")
    for i in range(extra):
        exempted = event("cell", "MemberExempted", {"member_id": "duong-thi-le", "reason": f"{i}"})
        store.append(CELL, check_request(exempted), "x")


def test_a_state_folded_from_another_history_of_the_same_length_is_folded_again(tmp_path, store):
    first = Store.from_url(f"sqlite:///{tmp_path / 'first.sqlite3'}")
    first.init_schema()
    book_with_meeting(first)
    states = BookStates()
    assert state_of(states, first).head_seq == 10
    other_history(store, extra=0)
    state = state_of(states, store)
    assert (state.head_seq, state.head_hash) == (10, store.head(CELL).hash)


def test_a_state_whose_history_was_not_the_prefix_is_folded_from_the_start(tmp_path, store):
    first = Store.from_url(f"sqlite:///{tmp_path / 'first.sqlite3'}")
    first.init_schema()
    book_with_meeting(first)
    first.append(CELL, check_request(joined("ho-van-hien", "Hồ Văn Hiển")), "admin")
    states = BookStates()
    assert state_of(states, first).is_on_roll("ho-van-hien")
    other_history(store, extra=3)
    state = state_of(states, store)
    assert (state.head_seq, state.head_hash) == (13, store.head(CELL).hash)
    assert not state.is_on_roll("ho-van-hien"), "nothing of the other history may stay in the state"
