"""A store that signs, as the app's does, on every engine."""

import pytest

from chibo_events import checkpoints
from chibo_events.store import Store
from tests.books import book_with_meeting


@pytest.fixture(scope="session")
def signer():
    return checkpoints.load_signer(checkpoints.new_private_key())


@pytest.fixture
def signed(database_url, signer):
    """A signing store holding the test book: a cell, four members, an opened meeting, attendance (10 events)."""
    store = Store.from_url(database_url, signer)
    store.init_schema()
    book_with_meeting(store)
    yield store
    store.engine.dispose()
