"""Eight writer processes on eight books against eight on one book: books are independent, one book is serialized.

Processes, not threads, so the GIL does not decide. Every writer does the
same work: its own meeting in the book it writes (MeetingOpened, then
speeches by the roster's members), valid in any interleaving.
"""

import multiprocessing
import time
from pathlib import Path

from chibo_events.catalogue import check_request
from chibo_events.checkpoints import load_signer
from chibo_events.store import Store

from . import generate

WRITERS = 8


def roster(book: str) -> list[dict]:
    """The requests that put a generated cell's first members on the roll."""
    found = []
    for body in generate.requests(book, seed=2):
        if body["type"] != "MemberJoined":
            return found
        found.append({**body, "event_id": None})
    return found


def meeting(members: list[str], stream: str, count: int) -> list[dict]:
    """A meeting of `count` events that needs nothing but the roster."""
    bodies = [{"stream": stream, "type": "MeetingOpened", "occurred_at": "2026-01-05T14:00:00+07:00", "data": {
        "kind": "regular", "title": "Sinh hoạt chi bộ", "location": "Hội trường", "chair": members[0],
        "clerk": members[1]}}]
    for i in range(count - 1):
        bodies.append({"stream": stream, "type": "SpeechGiven", "occurred_at": "2026-01-05T14:30:00+07:00", "data": {
            "speaker": {"member_id": members[i % len(members)]}, "kind": "opinion",
            "summary": "Đồng chí nhất trí với báo cáo và đề nghị phân công rõ người, rõ việc."}})
    return bodies


def prepare(store: Store, books: list[str]) -> list[str]:
    """Open the books with their rosters; return the member ids (the same in every book)."""
    people = roster(books[0])
    for book in books:
        store.register_book(book, generate.cell_data(800, 1), "admin", "2016-01-02T08:00:00+07:00")
        for body in people:
            store.append(book, check_request(body), "admin")
    return [body["data"]["member_id"] for body in people]


def _writer(url: str, key_file: str, book: str, bodies: list[dict], start, results) -> None:
    store = Store.from_url(url, load_signer(Path(key_file).read_bytes()))
    requests = [check_request(body) for body in bodies]
    store.head(book)  # connect before the start, as a running worker would be
    start.wait()
    began = time.perf_counter()
    for request in requests:
        store.append(book, request, "thuky")
    results.put((began, time.perf_counter()))
    store.engine.dispose()


def run(url: str, key_file: str, books: list[str], members: list[str], per_writer: int) -> float:
    """Run WRITERS processes, writer i on books[i % len(books)]; return appends per second over the wall time."""
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(WRITERS), context.Queue()
    tag = time.monotonic_ns()
    workers = [context.Process(target=_writer, args=(
        url, key_file, books[i % len(books)], meeting(members, f"meeting:w{tag}-{i}", per_writer), start, results))
        for i in range(WRITERS)]
    for worker in workers:
        worker.start()
    spans = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
        if worker.exitcode:
            raise RuntimeError(f"a writer failed (exit {worker.exitcode})")
    return WRITERS * per_writer / (max(end for _, end in spans) - min(began for began, _ in spans))
