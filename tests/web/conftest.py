"""Fixtures of the web tests: the app's store, the books the API and page tests read, CSRF off.

The names and helpers the tests import are in plain modules: the builders in
tests/books.py, the page tests' users and signing in in tests/web/pages.py.
"""

import pytest
from werkzeug.security import generate_password_hash

from tests.books import CELL, CELL_DATA, OTHER, book_with_meeting
from tests.web import pages


@pytest.fixture
def store(app):
    """The app's own store (not a second one on the same database), so a test reads what the app wrote."""
    return app.extensions["chibo_store"]


@pytest.fixture
def two_books(store):
    """The cell of the test users (CELL) and another one (OTHER), each with a meeting; return the store."""
    book_with_meeting(store, cell=CELL)
    book_with_meeting(store, cell=OTHER)
    return store


@pytest.fixture
def book(store):
    """Write the cell with four members and a meeting under way, the page tests' other cell, and their users."""
    book_with_meeting(store)
    store.register_book(pages.OTHER, CELL_DATA, "admin")
    for username, (role, cells) in pages.USERS.items():
        store.accounts.add(username, generate_password_hash(pages.PASSWORD), role, cells)
    return store


@pytest.fixture
def no_csrf(app):
    """Turn CSRF off for tests about something else (a test about CSRF keeps it on)."""
    app.config["WTF_CSRF_ENABLED"] = False
