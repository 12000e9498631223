"""`make bench`: every figure of the store beside its anchor, measured in one run on this machine.

    BENCH_EVENTS=100000 .venv/bin/python -m bench.run      # default 1,000,000
    CHIBO_TEST_POSTGRES_URL=postgresql+psycopg://… also runs everything on PostgreSQL
    (and, where PostgreSQL's server programs are installed, bench/standby.py: appends with a synchronous standby)

Prints `bench NAME VALUE UNIT` per figure and `ratio NAME VALUE` per comparison
on stdout; progress goes to stderr. Targets are ratios because the machine
is shared: a neighbour's burst slows both sides of a comparison alike.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from chibo_events.checkpoints import load_signer, new_private_key
from chibo_events.store import Store

from . import append, committees, http, load, parallel, reads, standby
from .eventsourcing_app import postgres_app, sqlite_app, sqlite_synchronous
from .progress import note
from .schema import postgres_schema

ROOT = Path(__file__).resolve().parents[1]


def figure(name: str, value: float, unit: str) -> None:
    shown = f"{int(value)}" if float(value).is_integer() else f"{value:.6g}"
    print(f"bench {name} {shown} {unit}", flush=True)


def ratio(name: str, value: float) -> None:
    print(f"ratio {name} {value:.3f}", flush=True)


def task(name: str, url: str, key_file: Path, folder: Path) -> dict:
    """Run bench/task.py `name` in its own process; return what it reports (peak RSS included)."""
    done = subprocess.run([sys.executable, "-m", "bench.task", name, url, str(key_file), str(folder)],
                          cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


class Engine:
    """One database under test: its URL, the store on it, and where an import may go."""

    def __init__(self, name: str, url: str, fresh_url: str, schema: str | None, signer):
        self.name, self.url, self.fresh_url, self.schema = name, url, fresh_url, schema
        self.store = Store.from_url(url, signer)
        self.store.init_schema()

    def eventsourcing(self, folder: Path):
        return sqlite_app(str(folder)) if self.schema is None else postgres_app(os.environ["CHIBO_TEST_POSTGRES_URL"],
                                                                                 self.schema)


def measure(engine: Engine, total: int, appends: int, key_file: Path, folder: Path) -> None:
    """Every figure on one engine, in an order that keeps verify's books intact (raw rows come last)."""
    e, store = engine.name, engine.store

    note(f"[{e}] rebuild of every projection, then a raw read of the same rows")
    rebuilt = task("rebuild", engine.url, key_file, folder)
    seconds, rows = reads.raw_read(store)
    figure(f"rebuild_{e}", rebuilt["events"] / rebuilt["seconds"], "events/s")
    figure(f"raw_read_{e}", rows / seconds, "events/s")
    figure(f"rebuild_peak_rss_{e}", rebuilt["peak_rss_mb"], "MB")
    ratio(_headline("rebuild_vs_raw_read", e), (rebuilt["events"] / rebuilt["seconds"]) / (rows / seconds))

    note(f"[{e}] minutes as_of one meeting")
    as_of = reads.minutes_as_of(store, reads.meetings_sample(store, max(20, min(300, total // 3000))))
    figure(f"minutes_as_of_p50_{e}", as_of["p50"], "ms")
    figure(f"minutes_as_of_p99_{e}", as_of["p99"], "ms")

    note(f"[{e}] committee overviews beside one cell's members and tasks")
    overviews = committees.run(engine.url, key_file, folder, max(50, min(500, total // 2000)))
    figure(f"committee_overview_cold_{e}", overviews["cold_ms"], "ms")
    figure(f"committee_overview_p50_{e}", overviews["warm"]["p50"], "ms")
    figure(f"committee_overview_p99_{e}", overviews["warm"]["p99"], "ms")
    figure(f"committee_overview_after_append_{e}", overviews["after_append_ms"], "ms")
    figure(f"cell_members_p99_{e}", overviews["members"]["p99"], "ms")
    figure(f"cell_tasks_p99_{e}", overviews["tasks"]["p99"], "ms")
    ratio(f"committee_overview_p99_vs_cell_members_p99_{e}", overviews["warm"]["p99"] / overviews["members"]["p99"])

    note(f"[{e}] verify every book")
    verified = task("verify", engine.url, key_file, folder)
    if verified["bad_books"]:
        raise RuntimeError(f"verify found broken books: {verified['bad_books'][:3]}")
    figure(f"verify_{e}", verified["events"] / verified["seconds"], "events/s")
    figure(f"verify_peak_rss_{e}", verified["peak_rss_mb"], "MB")

    note(f"[{e}] export every book, import them into an empty database")
    bundles = folder / f"bundles-{e}"
    exported = task("export", engine.url, key_file, bundles)
    figure(f"export_{e}", exported["events"] / exported["seconds"], "events/s")
    figure(f"export_peak_rss_{e}", exported["peak_rss_mb"], "MB")
    imported = task("import", engine.fresh_url, key_file, bundles)
    figure(f"import_{e}", imported["events"] / imported["seconds"], "events/s")
    figure(f"import_peak_rss_{e}", imported["peak_rss_mb"], "MB")
    shutil.rmtree(bundles)

    note(f"[{e}] Merkle proofs in a tree of {total:,} leaves")
    for kind, times in reads.proof_times(store, total, max(200, min(2000, total // 500))).items():
        figure(f"proof_{kind}_p50_{e}", times["p50"], "ms")
        figure(f"proof_{kind}_p99_{e}", times["p99"], "ms")

    note(f"[{e}] durable single-event appends: store, raw insert+commit, eventsourcing ({appends} each)")
    es_app = engine.eventsourcing(folder)
    if engine.schema is None:
        figure("eventsourcing_sqlite_synchronous", sqlite_synchronous(es_app), "(2=FULL)")
    appenders = [append.StoreAppender(store, append.fresh_name("bench-append")),
                 append.RawAppender(store, append.fresh_name("bench-raw"), store.integrity.signer),
                 append.EventsourcingAppender(es_app, "bench-es")]
    raced = append.race(appenders, appends, lambda text_: note(f"  {text_}"))
    es_app.close()
    for name, found in raced.items():
        figure(f"append_{name}_{e}", found["rate"], "events/s")
        figure(f"append_{name}_p50_{e}", found["p50"], "ms")
        figure(f"append_{name}_p99_{e}", found["p99"], "ms")
    ratio(f"append_vs_raw_{e}", raced["store"]["rate"] / raced["raw"]["rate"])
    ratio(f"append_vs_eventsourcing_{e}", raced["store"]["rate"] / raced["eventsourcing"]["rate"])

    if engine.schema is not None:
        note(f"[{e}] {parallel.WRITERS} writer processes on {parallel.WRITERS} books, then on one book")
        books = [append.fresh_name("bench-par") for _ in range(parallel.WRITERS)]
        members = parallel.prepare(store, books)
        per_writer = max(25, appends // parallel.WRITERS)
        many = parallel.run(engine.url, str(key_file), books, members, per_writer)
        one = parallel.run(engine.url, str(key_file), books[:1], members, per_writer)
        figure(f"append_8_books_{e}", many, "events/s")
        figure(f"append_1_book_8_writers_{e}", one, "events/s")
        ratio("books_parallel_speedup", many / one)

    note(f"[{e}] HTTP appends through gunicorn, against hello world")
    served = http.run(store, engine.url, str(key_file), folder, append.fresh_name("bench-http"),
                      max(100, min(1000, appends // 2)))
    figure(f"http_append_{e}", served["append"]["rate"], "requests/s")
    figure(f"http_hello_{e}", served["hello"]["rate"], "requests/s")
    ratio(_headline("http_append_vs_hello", e), served["append"]["rate"] / served["hello"]["rate"])


def _headline(name: str, engine: str) -> str:
    """The required name for SQLite, the commune's engine; suffixed for PostgreSQL."""
    return name if engine == "sqlite" else f"{name}_{engine}"


def main() -> None:
    total = int(os.environ.get("BENCH_EVENTS", "1000000"))
    appends = max(100, min(3000, total // 50))
    postgres = os.environ.get("CHIBO_TEST_POSTGRES_URL")
    folder = Path(tempfile.mkdtemp(prefix="chibo-bench-"))
    key_file = folder / "signing_key.pem"
    key_file.write_bytes(new_private_key())
    signer = load_signer(key_file.read_bytes())
    started = time.perf_counter()
    figure("events", total, "events")
    try:
        with _postgres(postgres) as (pg_url, pg_fresh, schema):
            engines = [Engine("sqlite", f"sqlite:///{folder / 'bench.sqlite3'}",
                              f"sqlite:///{folder / 'imported.sqlite3'}", None, signer)]
            if pg_url:
                engines.append(Engine("postgres", pg_url, pg_fresh, schema, signer))
            note(f"loading {total:,} events into {', '.join(e.name for e in engines)}")
            loaded = load.load([e.store for e in engines], total, signer)
            figure("books", len(loaded), "books")
            figure("largest_book", max(size for _, size in loaded), "events")
            for engine in engines:
                measure(engine, total, appends, key_file, folder)
                engine.store.engine.dispose()
        standby.run(min(appends, standby.APPENDS), figure, ratio)  # a server of its own and a pair of their own
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    figure("bench_wall_time", time.perf_counter() - started, "s")


@contextmanager
def _postgres(base_url: str | None):
    if not base_url:
        yield None, None, None
        return
    with postgres_schema(base_url) as (url, schema), postgres_schema(base_url) as (fresh_url, _):
        yield url, fresh_url, schema


if __name__ == "__main__":
    main()
