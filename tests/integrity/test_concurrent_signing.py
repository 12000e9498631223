"""Servers sharing one key append to one book at once: the tree and the checkpoints stay in step."""

import multiprocessing

import pytest

from chibo_events import checkpoints
from chibo_events.store import Store
from tests.books import CELL, book_with_meeting
from tests.integrity import workers

WRITERS, PER_WRITER = 3, 20


@pytest.mark.slow
def test_concurrent_signed_appends_leave_a_book_that_verifies(database_url):
    key = checkpoints.new_private_key()
    store = Store.from_url(database_url, checkpoints.load_signer(key))
    store.init_schema()
    book_with_meeting(store)
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(WRITERS)
    jobs = [spawn.Process(target=workers.append_speeches, args=(database_url, key, f"w{n}", PER_WRITER, start))
            for n in range(WRITERS)]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join(timeout=120)
    assert [job.exitcode for job in jobs] == [0] * WRITERS
    report = store.integrity.verify(CELL)
    total = 10 + WRITERS * PER_WRITER
    assert report.ok, report.problems[:3]
    assert (report.size, report.signed_size) == (total, total)
    store.engine.dispose()
