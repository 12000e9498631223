from tests.books import CELL, book_with_meeting


def test_a_new_book_holds_the_roster_and_the_meeting(store):
    book_with_meeting(store)
    events = store.page(CELL, limit=1000)
    assert [e["seq"] for e in events] == list(range(1, 11))
