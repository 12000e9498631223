"""What the page tests share: a cell with a meeting under way, users of every role, signing in, reading a page.

The fixtures that write these (`book`, `no_csrf`) are in conftest.py; this
module holds the plain names and helpers the tests import.
"""

import re

from tests.books import CELL, MEETING

OTHER = "chi-bo-khac"  # the page tests' other cell: it has a clerk and a member of its own (USERS)
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
