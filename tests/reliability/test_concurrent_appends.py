"""Several OS processes append at once while another reads: nothing lost, doubled or skipped."""

import multiprocessing
import queue
import time

import pytest

from chibo_events.catalogue import check_request
from tests.books import CELL, CELL_DATA, MEETING, book_with_meeting, joined
from tests.reliability import processes

CONTENDERS, OWN_STREAMS, PER_WRITER = 3, 2, 30
OTHER_BOOK = "th-ky-tho-mn"


def collect(results, jobs, timeout: float) -> dict:
    """Gather one report per job; fail at once if a job dies without reporting."""
    reports, deadline = {}, time.monotonic() + timeout
    while len(reports) < len(jobs):
        try:
            name, acked, conflicts = results.get(timeout=0.5)
            reports[name] = (acked, conflicts)
        except queue.Empty:
            dead = [job.name for job in jobs if job.exitcode not in (None, 0)]
            assert not dead, f"worker processes died: {dead} (their traceback is above)"
            assert time.monotonic() < deadline, "workers did not finish in time"
    for job in jobs:
        job.join(timeout=30)
        assert job.exitcode == 0
    return reports


@pytest.mark.slow
def test_concurrent_writers_and_a_follower_agree_on_one_gapless_book(store, database_url):
    book_with_meeting(store)
    store.register_book(OTHER_BOOK, CELL_DATA, "admin")
    store.append(OTHER_BOOK, check_request(joined("nguyen-thi-hong-van", "Nguyễn Thị Hồng Vân")), "admin")
    base = store.head(CELL).seq
    total = base + CONTENDERS * PER_WRITER + OWN_STREAMS * (PER_WRITER + 1)

    spawn = multiprocessing.get_context("spawn")
    results = spawn.Queue()
    start = spawn.Barrier(1 + CONTENDERS + OWN_STREAMS + 1)
    jobs = [spawn.Process(target=processes.follow, args=(database_url, total, 120, start, results))]
    jobs += [spawn.Process(target=processes.contend, args=(database_url, f"w{n}", PER_WRITER, start, results))
             for n in range(CONTENDERS)]
    jobs += [spawn.Process(target=processes.own_stream,
                           args=(database_url, f"own{n}", CELL, PER_WRITER, start, results))
             for n in range(OWN_STREAMS)]
    jobs += [spawn.Process(target=processes.own_stream,
                           args=(database_url, "elsewhere", OTHER_BOOK, PER_WRITER, start, results))]
    for job in jobs:
        job.start()
    reports = collect(results, jobs, timeout=180)

    book = store.page(CELL, limit=1000)
    assert [e["seq"] for e in book] == list(range(1, total + 1)), "seq is 1..n without gaps"
    stored = {e["event_id"]: e for e in book}
    assert len(stored) == total, "every event_id is stored once"

    acknowledged = [a for name, (acked, _) in reports.items() if name not in ("reader", "elsewhere") for a in acked]
    assert len(acknowledged) == total - base
    for event_id, seq, stream in acknowledged:
        assert stored[event_id]["seq"] == seq and stored[event_id]["stream"] == stream

    shared = [e["version"] for e in book if e["stream"] == MEETING]
    assert shared == list(range(1, len(shared) + 1))
    assert len(shared) == 5 + CONTENDERS * PER_WRITER

    seen, _ = reports["reader"]
    assert [seq for seq, _ in seen] == list(range(1, total + 1)), "the follower saw each event once, in order"
    assert [event_id for _, event_id in seen] == [e["event_id"] for e in book]

    other = store.page(OTHER_BOOK, limit=1000)
    assert [e["seq"] for e in other] == list(range(1, 2 + PER_WRITER + 2))
    conflicts = sum(c for _, c in reports.values())
    assert conflicts > 0, "the contending writers never met: the test did not exercise expected_version"
    print(f"\nversion conflicts retried: {conflicts}")
