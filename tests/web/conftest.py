"""Fixtures of the API tests: two cells with a roster and a meeting under way, and a snapshot of every book."""

import pytest

from chibo_events.catalogue import check_request
from tests.books import CELL, CELL_DATA, ROSTER, attended, joined, opened

OTHER = "th-ky-tho-mn"


def write_book(store, cell: str, actor: str = "admin") -> None:
    """Write a cell with the test roster and an opened meeting everyone attends, straight to the store."""
    store.register_book(cell, CELL_DATA, actor)
    requests = [joined(m, n, k) for m, n, k in ROSTER] + [opened()] + [attended(m) for m, _, _ in ROSTER]
    for body in requests:
        store.append(cell, check_request(body), actor)


def snapshot(store) -> dict:
    """Return every book's head (seq, hash, recorded_at): equal snapshots mean nothing was stored."""
    return {book: store.head(book) for book in store.book_names()}


@pytest.fixture
def two_books(app):
    """The cell of the test users (CELL) and another one (OTHER), each with a meeting; return the store."""
    store = app.extensions["chibo_store"]
    write_book(store, CELL)
    write_book(store, OTHER)
    return store
