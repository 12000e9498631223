"""Fixtures: every store test runs on SQLite and, when CHIBO_TEST_POSTGRES_URL is set, on PostgreSQL.

Each PostgreSQL test gets a schema of its own (dropped afterwards), named in
the URL's search_path so that subprocesses and the app reach the same one.
"""

import pytest
from werkzeug.security import generate_password_hash

from chibo_events import checkpoints, create_app
from chibo_events.demo import book as demo_book
from chibo_events.demo.load import load
from chibo_events.store import Store
from tests.books import book_with_meeting
from tests.engines import ENGINES, fresh_database


@pytest.fixture(params=ENGINES)
def database_url(request, tmp_path):
    """Return the URL of an empty database on each engine."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(database_url):
    store = Store.from_url(database_url)
    store.init_schema()
    yield store
    store.engine.dispose()


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app({
        "TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": database_url, "SECRET_KEY": "test",
    })
    app.extensions["chibo_store"].init_schema()
    yield app
    app.extensions["chibo_store"].engine.dispose()


@pytest.fixture
def demo(app):
    """Return the app's store with the demo book th-ky-tho and the demo users loaded, as `chibo demo` leaves it."""
    store = app.extensions["chibo_store"]
    # Loading is idempotent but not free: the browser tests' app lives for the session, so load it once.
    if not store.book_exists(demo_book.BOOK):
        load(store)
    return store


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Tokens:
    """Users of every role, and the Authorization headers that speak for them."""

    def __init__(self, app):
        self._store = app.extensions["chibo_store"]

    def headers(self, username: str, role: str, cells=()) -> dict:
        if not self._store.accounts.find(username):
            self._store.accounts.add(username, generate_password_hash("password1"), role, cells)
        return {"Authorization": f"Bearer {self._store.accounts.issue_token(username)}"}

    @property
    def admin(self):
        return self.headers("admin", "admin")

    def clerk(self, cell="th-ky-tho"):
        return self.headers(f"clerk-{cell}", "clerk", [cell])

    def member(self, cell="th-ky-tho"):
        return self.headers(f"member-{cell}", "member", [cell])

    @property
    def inspector(self):
        return self.headers("inspector", "inspector")


@pytest.fixture
def tokens(app):
    return Tokens(app)


def pytest_terminal_summary(terminalreporter):
    """Say how many tests each engine ran, so a CI log shows PostgreSQL was not skipped."""
    counts = {}
    for outcome in ("passed", "failed", "error", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            for engine in ("sqlite", "postgresql"):
                if f"[{engine}" in report.nodeid or f"-{engine}" in report.nodeid:
                    counts.setdefault(engine, {}).setdefault(outcome, 0)
                    counts[engine][outcome] += 1
    for engine, outcomes in sorted(counts.items()):
        summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items()))
        terminalreporter.write_line(f"engine {engine}: {summary}")


@pytest.fixture(scope="session")
def signer():
    """One checkpoint signing key for the whole run (a key takes a few hundred µs to make)."""
    return checkpoints.load_signer(checkpoints.new_private_key())


@pytest.fixture
def signed(database_url, signer):
    """A signing store holding the test book: a cell, four members, an opened meeting, attendance (10 events)."""
    store = Store.from_url(database_url, signer)
    store.init_schema()
    book_with_meeting(store)
    yield store
    store.engine.dispose()
