"""Fixtures and helpers of the page tests: a cell with a meeting under way, users of every role, signing in.

Imported by the other tests/web/test_pages_*, test_console_*, test_login* and
test_security* modules; it holds no tests of its own.
"""

import re

import pytest
from werkzeug.security import generate_password_hash

from tests.books import CELL, CELL_DATA, MEETING, book_with_meeting

OTHER = "chi-bo-khac"
MEETING_ID = MEETING.removeprefix("meeting:")
MEETING_PAGE = f"/cells/{CELL}/meetings/{MEETING_ID}"
PASSWORD = "mat-khau-dai-1"
USERS = {
    # username: (role, cells)
    "quantri": ("admin", ()),
    "thuky": ("clerk", (CELL,)),
    "thuky-khac": ("clerk", (OTHER,)),
    "thanhtra": ("inspector", ()),
    "dangvien": ("member", (CELL,)),
    "dangvien-khac": ("member", (OTHER,)),
}


@pytest.fixture
def store(app):
    return app.extensions["chibo_store"]


@pytest.fixture
def book(store):
    """Write the cell with four members and a meeting under way, another cell, and the users."""
    book_with_meeting(store)
    store.register_book(OTHER, CELL_DATA, "admin")
    for username, (role, cells) in USERS.items():
        store.accounts.add(username, generate_password_hash(PASSWORD), role, cells)
    return store


@pytest.fixture
def no_csrf(app):
    """Turn CSRF off for tests about something else (a test about CSRF keeps it on)."""
    app.config["WTF_CSRF_ENABLED"] = False


def sign_in(client, username: str, password: str = PASSWORD, next_page: str | None = None):
    """Sign in through the /login form (CSRF off) and return the response."""
    data = {"username": username, "password": password}
    if next_page:
        data["next"] = next_page
    return client.post("/login", data=data)


def csrf_token_of(html: str) -> str:
    """Return the CSRF token a page carries in its forms."""
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def events(store, cell: str = CELL) -> list[dict]:
    return store.page(cell, limit=10_000)


def text_of(html: str) -> str:
    """Return a page's text with the tags and extra spaces taken out, for reading what a person sees."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
