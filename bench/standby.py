"""What a synchronous standby costs an append: one server alone beside a primary with its standby, in one run.

    .venv/bin/python -m bench.standby            # 1000 appends a case; BENCH_STANDBY_APPENDS to change

Both are made here from the same PostgreSQL programs with the same settings (bench/postgres_pair.py), on this
machine's loopback: the standby's round trip is the cheapest it can be, so a standby across a network adds its
own round trip to each figure. The primary's appends are measured at each `synchronous_commit` level a session
can ask for: `local` (the standby streams but nobody waits for it), `on` (the commit waits until the standby has
flushed the WAL: an acknowledged event is on two disks) and `remote_apply` (and replayed it: a read of the
standby sees it). Single appends take turns in rounds (bench/append.race); then eight writer processes on eight
books, where commits group. Prints `bench` and `ratio` lines as bench/run.py does; skips with a note where
PostgreSQL's server programs are absent.
"""

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from chibo_events.checkpoints import load_signer, new_private_key
from chibo_events.store import Store

from . import append, parallel
from .postgres_pair import Pair, binaries
from .progress import note

APPENDS = int(os.environ.get("BENCH_STANDBY_APPENDS", "1000"))
LEVELS = ("local", "on", "remote_apply")


def at_level(url: str, level: str) -> str:
    """The URL with every session's synchronous_commit set (libpq's `options`)."""
    return f"{url}&options={quote(f'-c synchronous_commit={level}')}"


def run(appends: int, figure: Callable[[str, float, str], None], ratio: Callable[[str, float], None]) -> dict:
    """Measure, print each figure with `figure` and each comparison with `ratio`; return what was measured."""
    bin_dir = binaries()
    if bin_dir is None:
        note("standby: PostgreSQL's server programs are not installed; skipped")
        return {}
    # each server's folder straight under /tmp: the postgres user must be able to enter it
    folders = [Path(tempfile.mkdtemp(prefix=f"chibo-standby-{part}-")) for part in ("keys", "alone", "pair")]
    key_file = folders[0] / "signing_key.pem"
    key_file.write_bytes(new_private_key())
    signer = load_signer(key_file.read_bytes())
    alone = Pair(folders[1], bin_dir)
    pair = Pair(folders[2], bin_dir, synchronous_commit="remote_apply")
    stores: list[Store] = []
    try:
        note("standby: making a lone server and a primary with its synchronous standby")
        alone.start(with_standby=False)
        pair.start()
        urls = {"single": alone.url(alone.primary), **{level: at_level(pair.url(pair.primary), level)
                                                       for level in LEVELS}}
        appenders = []
        for name, url in urls.items():
            store = Store.from_url(url, signer)
            stores.append(store)
            if name in ("single", LEVELS[0]):
                store.init_schema()
            appender = append.StoreAppender(store, append.fresh_name(f"bench-standby-{name.replace('_', '-')}"))
            appender.name = name  # type: ignore[misc]  (the race's key)
            appenders.append(appender)
        note(f"standby: {appends} single appends each, in turns: {', '.join(urls)}")
        raced = append.race(appenders, appends, lambda text_: note(f"  {text_}"))
        for name, found in raced.items():
            figure(f"standby_append_{name}", found["rate"], "events/s")
            figure(f"standby_append_{name}_p50", found["p50"], "ms")
            figure(f"standby_append_{name}_p99", found["p99"], "ms")
        for level in LEVELS:
            ratio(f"standby_{level}_vs_single_rate", raced[level]["rate"] / raced["single"]["rate"])
            ratio(f"standby_{level}_vs_single_p50", raced[level]["p50"] / raced["single"]["p50"])

        note(f"standby: {parallel.WRITERS} writer processes on {parallel.WRITERS} books, single and remote_apply")
        per_writer = max(25, appends // parallel.WRITERS)
        spread = {}
        for name in ("single", "remote_apply"):
            store = stores[list(urls).index(name)]
            books = [append.fresh_name(f"bench-standby-par-{name.replace('_', '-')}") for _ in range(parallel.WRITERS)]
            members = parallel.prepare(store, books)
            spread[name] = parallel.run(urls[name], str(key_file), books, members, per_writer)
            figure(f"standby_append_8_books_{name}", spread[name], "events/s")
        ratio("standby_remote_apply_vs_single_8_books", spread["remote_apply"] / spread["single"])
        return {**raced, "8_books": spread}
    finally:
        for store in stores:
            store.dispose()
        pair.stop()
        alone.stop()
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    from .run import figure as print_figure
    from .run import ratio as print_ratio

    run(APPENDS, print_figure, print_ratio)
